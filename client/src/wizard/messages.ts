// The messages between the wizard webview and the extension host: one
// discriminated union each way, and validators. The host trusts nothing the
// page sends (unknown patterns, answer keys, oversized strings are dropped);
// the page ignores malformed host messages. No `vscode` import: the page
// bundle and the browser test use this file too.
import type { WizardCatalog, WizardContextInfo, WizardPreview } from '../../../server/src/protocol';

export interface WizardStrings {
  title: string;
  back: string;
  restart: string;
  why: string;
  tradeoffs: string;
  pitfalls: string;
  pattern: string;
  options: string;
  preview: string;
  insert: string;
  createFile: string;
  withTest: string;
  notes: string;
  dependencies: string;
  dependencyMissing: string;
  noEditor: string;
  context: string;
  contextOnly: string;
  noGenerator: string;
  working: string;
  goVersion: string;
  recommended: string;
  undo: string;
  checking: string;
}

export type HostMessage =
  | { type: 'init'; catalog: WizardCatalog; context: WizardContextInfo; start: string; strings: WizardStrings; canInsert: boolean }
  | { type: 'context'; context: WizardContextInfo; canInsert: boolean }
  | { type: 'preview'; requestId: number; result: WizardPreview }
  /** After Insert: `undoable` shows the Undo button next to the message. */
  | { type: 'applied'; ok: boolean; message: string; undoable?: boolean }
  /** The type-check verdict (before Insert, and the re-check after it). */
  | { type: 'check'; status: 'checking' | 'ok' | 'errors' | 'unavailable'; message: string };

export type ApplyMode = 'insert' | 'newFile';

export type PageMessage =
  | { type: 'ready' }
  | { type: 'preview'; requestId: number; pattern: string; answers: Record<string, string>; mode: ApplyMode; withTest: boolean }
  /** `requestId` names the preview the user saw: the host inserts exactly that, or refreshes it when it went stale. */
  | { type: 'apply'; requestId: number; pattern: string; answers: Record<string, string>; mode: ApplyMode; withTest: boolean }
  | { type: 'undo' }
  | { type: 'navigate'; node: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;

/** Answers must name parameters of the pattern and be short strings. */
function answersOf(raw: unknown, allowed: Set<string>): Record<string, string> | undefined {
  if (!isObj(raw)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!allowed.has(k) || !isStr(v, 300)) return undefined;
    out[k] = v;
  }
  return out;
}

/** The page's message if well-formed against the catalog, else undefined (the caller logs and drops it). */
export function parsePageMessage(raw: unknown, catalog: WizardCatalog | undefined): PageMessage | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  const keys = Object.keys(raw);
  const only = (...allowed: string[]) => keys.every((k) => k === 'type' || allowed.includes(k));
  switch (raw.type) {
    case 'ready':
      return only() ? { type: 'ready' } : undefined;
    case 'undo':
      return only() ? { type: 'undo' } : undefined;
    case 'navigate':
      return only('node') && isStr(raw.node, 128) && !!catalog?.nodes[raw.node] ? { type: 'navigate', node: raw.node } : undefined;
    case 'preview':
    case 'apply': {
      if (!only('pattern', 'answers', 'mode', 'withTest', 'requestId')) return undefined;
      if (!Number.isInteger(raw.requestId) || (raw.requestId as number) < 0) return undefined;
      if (!isStr(raw.pattern, 64) || !catalog?.patterns[raw.pattern]) return undefined;
      if (raw.mode !== 'insert' && raw.mode !== 'newFile') return undefined;
      if (typeof raw.withTest !== 'boolean') return undefined;
      const answers = answersOf(raw.answers, new Set(catalog.patterns[raw.pattern]!.params.map((p) => p.id)));
      if (!answers) return undefined;
      const base = { requestId: raw.requestId as number, pattern: raw.pattern, answers, mode: raw.mode, withTest: raw.withTest } as const;
      return raw.type === 'apply' ? { type: 'apply', ...base } : { type: 'preview', ...base };
    }
    default:
      return undefined;
  }
}

/** The host's message if well-formed enough to render. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'init':
      return isObj(raw.catalog) && isObj(raw.catalog.nodes) && isObj(raw.catalog.patterns) && isObj(raw.context) && isStr(raw.start) && isObj(raw.strings) && typeof raw.canInsert === 'boolean'
        ? (raw as unknown as HostMessage)
        : undefined;
    case 'context':
      return isObj(raw.context) && typeof raw.canInsert === 'boolean' ? (raw as unknown as HostMessage) : undefined;
    case 'preview':
      return Number.isInteger(raw.requestId) && isObj(raw.result) && typeof raw.result.ok === 'boolean' ? (raw as unknown as HostMessage) : undefined;
    case 'applied':
      return typeof raw.ok === 'boolean' && isStr(raw.message) && (raw.undoable === undefined || typeof raw.undoable === 'boolean') ? (raw as unknown as HostMessage) : undefined;
    case 'check':
      return ['checking', 'ok', 'errors', 'unavailable'].includes(raw.status as string) && isStr(raw.message, 20_000) ? (raw as unknown as HostMessage) : undefined;
    default:
      return undefined;
  }
}
