// The messages between the checklist webview and the extension host: one
// discriminated union each way, and validators. The host trusts nothing the
// page sends; the page ignores anything malformed the host might send.
// No `vscode` import: the browser test and the page bundle use this file too.
import type { ChecklistState } from '../../../server/src/protocol';

/** UI strings the host localises (l10n) and hands to the page. */
export interface ChecklistStrings {
  title: string;
  score: string;
  refresh: string;
  loading: string;
  empty: string;
  evidence: string;
  advice: string;
  seedSection: string;
  reviewed: string;
  note: string;
  saveNote: string;
  openWizard: string;
  noEvidence: string;
  /** `{rules}`: the rule ids feeding the item. */
  checkedBy: string;
  manualFile: string;
  statuses: Record<'pass' | 'fail' | 'warn' | 'n/a' | 'needs review', string>;
}

export type HostMessage = { type: 'state'; state: ChecklistState | null; wizard: boolean; strings: ChecklistStrings };

export type PageMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'open'; uri: string; line: number; character: number }
  | { type: 'setManual'; id: string; checked: boolean; note?: string }
  | { type: 'runAction'; actionId: string }
  | { type: 'openWizard'; branch: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
const isLine = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 10_000_000;

/** The page's message if it is well-formed, else undefined (the caller logs and drops it). */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  const keys = Object.keys(raw);
  const only = (...allowed: string[]) => keys.every((k) => k === 'type' || allowed.includes(k));
  switch (raw.type) {
    case 'ready':
    case 'refresh':
      return only() ? { type: raw.type } : undefined;
    case 'open':
      return only('uri', 'line', 'character') && isStr(raw.uri) && /^file:\/\//.test(raw.uri) && isLine(raw.line) && isLine(raw.character)
        ? { type: 'open', uri: raw.uri, line: raw.line, character: raw.character }
        : undefined;
    case 'setManual':
      if (!only('id', 'checked', 'note') || !isStr(raw.id, 64) || !/^[a-z-]+$/.test(raw.id) || typeof raw.checked !== 'boolean') return undefined;
      if (raw.note !== undefined && !isStr(raw.note, 2000)) return undefined;
      return { type: 'setManual', id: raw.id, checked: raw.checked, ...(raw.note !== undefined ? { note: raw.note } : {}) };
    case 'runAction':
      return only('actionId') && isStr(raw.actionId, 4096) ? { type: 'runAction', actionId: raw.actionId } : undefined;
    case 'openWizard':
      return only('branch') && isStr(raw.branch, 128) && /^[a-z0-9/-]+$/.test(raw.branch) ? { type: 'openWizard', branch: raw.branch } : undefined;
    default:
      return undefined;
  }
}

/** The host's message if it is well-formed enough to render. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isObj(raw) || raw.type !== 'state' || typeof raw.wizard !== 'boolean' || !isObj(raw.strings) || !isObj(raw.strings.statuses)) return undefined;
  const strings = raw.strings;
  if (Object.entries(strings).some(([k, v]) => k !== 'statuses' && !isStr(v))) return undefined;
  const state = raw.state;
  if (state !== null) {
    if (!isObj(state) || !Array.isArray(state.items) || !isObj(state.score)) return undefined;
    for (const item of state.items as unknown[]) {
      if (!isObj(item) || !isStr(item.id) || !isStr(item.title) || !isStr(item.status) || !isStr(item.summary)) return undefined;
      if (!Array.isArray(item.evidence) || !Array.isArray(item.actions) || !Array.isArray(item.rules) || !isObj(item.advice)) return undefined;
    }
  }
  return raw as unknown as HostMessage;
}
