// Manual ticks and notes, kept in `.goconc/checklist.json` so the team
// commits them with the code. The format is merge-friendly: keys sorted at
// every level, one item per key, two-space indentation, a final newline —
// two people ticking different items touch different lines.
//
//   {
//     "items": {
//       "distributed-lock-reviewed": {
//         "checked": true,
//         "note": "Orders use runtime/dlock (Redis, fencing tokens)",
//         "updated": "2026-11-25"
//       }
//     },
//     "version": 1
//   }
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManualEntry } from './types';

export const manualStatePath = (root: string) => join(root, '.goconc', 'checklist.json');

export interface ManualState {
  /** Keyed by checklist item id; unknown ids are kept as they are. */
  items: Record<string, ManualEntry>;
}

function entryOf(value: unknown): ManualEntry | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.checked !== 'boolean') return undefined;
  const entry: ManualEntry = { checked: v.checked };
  if (typeof v.note === 'string' && v.note) entry.note = v.note;
  if (typeof v.updated === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.updated)) entry.updated = v.updated;
  return entry;
}

/** Parses the file's text; malformed entries are dropped with a reason. */
export function parseManualState(text: string): { state: ManualState; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { state: { items: {} }, problems: [`not JSON: ${(err as Error).message}`] };
  }
  const items: Record<string, ManualEntry> = {};
  const rawItems = (raw as { items?: unknown } | null)?.items;
  if (rawItems && typeof rawItems === 'object' && !Array.isArray(rawItems)) {
    for (const [id, value] of Object.entries(rawItems)) {
      const e = entryOf(value);
      if (e) items[id] = e;
      else problems.push(`items.${id}: expected {"checked": boolean, "note"?: string, "updated"?: "YYYY-MM-DD"}`);
    }
  } else if (rawItems !== undefined) problems.push('"items" must be an object keyed by checklist item id');
  return { state: { items }, problems };
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedDeep((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function serializeManualState(state: ManualState): string {
  return `${JSON.stringify(sortedDeep({ version: 1, items: state.items }), null, 2)}\n`;
}

export function readManualState(root: string): { state: ManualState; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(manualStatePath(root), 'utf8');
  } catch {
    return { state: { items: {} }, problems: [] };
  }
  return parseManualState(text);
}

/** Sets (or with `undefined`, removes) one item's entry and rewrites the file atomically. */
export function updateManualEntry(root: string, id: string, entry: ManualEntry | undefined): ManualState {
  const { state } = readManualState(root);
  if (entry) state.items[id] = entry;
  else delete state.items[id];
  const path = manualStatePath(root);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, serializeManualState(state));
  renameSync(tmp, path);
  return state;
}
