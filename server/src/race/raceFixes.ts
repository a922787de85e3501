// Quick fixes for a reported race, where the static index knows enough: a
// raced field of the method's receiver whose struct holds a mutex gets
// guarded by that mutex; a raced map field of a struct without one gets a
// `mu sync.Mutex` added and the access guarded. Only one-line statements are
// rewritten; anything else gets no fix rather than a wrong one. (Changing a
// map to sync.Map rewrites every use and its types, so it is not offered.)
import { lockKinds } from '../index/typeKind';
import type { FileSummary, StructInfo } from '../index/types';
import { format, type Locale } from '../l10n/locale';
import type { RaceFinding } from './raceFindings';
import { raceMessages as m } from './raceMessages';

export interface RaceFixEdit {
  path: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  newText: string;
}

export interface RaceFix {
  title: string;
  edits: RaceFixEdit[];
}

const insertAt = (path: string, line: number, character: number, newText: string): RaceFixEdit => ({ path, line, character, endLine: line, endCharacter: character, newText });

/** Where a struct is declared: its file's text and summary. */
export type StructFile = (name: string) => { path: string; text: string; summary: FileSummary } | undefined;

/** An edit that imports "sync" into a file that lacks it. */
function importSync(path: string, text: string, summary: FileSummary): RaceFixEdit[] {
  if (Object.values(summary.imports).includes('sync')) return [];
  const lines = text.split('\n');
  const block = lines.findIndex((l) => /^import\s*\($/.test(l.trim()));
  if (block >= 0) return [insertAt(path, block + 1, 0, '\t"sync"\n')];
  const single = lines.findIndex((l) => /^import\s+/.test(l));
  if (single >= 0) return [insertAt(path, single + 1, 0, 'import "sync"\n')];
  const pkg = lines.findIndex((l) => /^package\s+\w+/.test(l));
  return pkg >= 0 ? [insertAt(path, pkg + 1, 0, '\nimport "sync"\n')] : [];
}

/** The method whose body holds `line` (the last declaration starting at or before it). */
function enclosingFunc(summary: FileSummary, line: number) {
  return summary.funcs.filter((f) => f.line <= line).sort((a, b) => b.line - a.line)[0];
}

export function raceFixes(f: RaceFinding, text: string, summary: FileSummary | undefined, structs: Map<string, StructInfo>, locale: Locale, structFile?: StructFile): RaceFix[] {
  if (f.kind !== 'data-race' || !summary) return [];
  const lines = text.split('\n');
  const src = lines[f.site.line];
  if (src === undefined) return [];
  const stmt = src.replace(/\/\/.*$/, '').trimEnd();
  // A statement that continues on the next line, or a block header, is not one line.
  if (stmt.trim() === '' || /[{(,]$/.test(stmt) || /^\s*(?:if|for|switch|select|go|defer|case|func)\b/.test(stmt) || /^\s*}/.test(stmt)) return [];
  const fn = enclosingFunc(summary, f.site.line);
  if (!fn?.receiverType || !fn.receiverName || !fn.pointerReceiver) return [];
  const struct = structs.get(fn.receiverType);
  if (!struct) return [];
  const mu = struct.fields.find((x) => lockKinds.has(x.kind));
  const fieldRe = new RegExp(`\\b${fn.receiverName}\\.(\\w+)\\b`, 'g');
  const raced = [...stmt.matchAll(fieldRe)].map((x) => x[1]!).map((name) => struct.fields.find((fl) => fl.name === name && fl.name !== mu?.name)).find(Boolean);
  if (!raced) return [];
  const path = f.site.path;
  const guard = (lockPath: string, rw: boolean): RaceFixEdit[] => {
    const indent = /^[ \t]*/.exec(src)![0];
    const lock = f.op === 'read' && rw ? 'RLock' : 'Lock';
    const unlock = lock === 'RLock' ? 'RUnlock' : 'Unlock';
    if (/^\s*return\b/.test(stmt)) return [insertAt(path, f.site.line, indent.length, `${lockPath}.${lock}()\n${indent}defer ${lockPath}.${unlock}()\n${indent}`)];
    return [insertAt(path, f.site.line, indent.length, `${lockPath}.${lock}()\n${indent}`), insertAt(path, f.site.line, src.length, `\n${indent}${lockPath}.${unlock}()`)];
  };
  if (mu) {
    // The same statement already under this lock (e.g. edited since the run) needs nothing.
    const lockPath = `${fn.receiverName}.${mu.name}`;
    const prev = lines[f.site.line - 1]?.trim() ?? '';
    if (prev === `${lockPath}.Lock()` || prev === `${lockPath}.RLock()`) return [];
    return [{ title: format(m.fixGuard, locale, { lock: lockPath }), edits: guard(lockPath, mu.kind === 'rwmutex') }];
  }
  // No lock in the struct: for a map (whose concurrent writes crash the process) add one.
  const decl = raced.kind === 'map' ? structFile?.(struct.name) : undefined;
  const first = struct.fields[0];
  if (!decl || !first || struct.fields.some((x) => x.name === 'mu')) return [];
  const fieldIndent = /^[ \t]*/.exec(decl.text.split('\n')[first.line] ?? '')![0] || '\t';
  const edits = [
    insertAt(decl.path, first.line, 0, `${fieldIndent}mu sync.Mutex // guards ${raced.name}\n\n`),
    ...importSync(decl.path, decl.text, decl.summary),
    ...guard(`${fn.receiverName}.mu`, false),
  ];
  return [{ title: format(m.fixAddMutex, locale, { struct: struct.name, field: raced.name }), edits }];
}
