// Quick fixes for a reported race, where the static index knows enough: a
// raced field of the method's receiver whose struct holds a mutex gets
// guarded by that mutex. Only one-line statements are rewritten; anything
// else gets no fix rather than a wrong one.
import { lockKinds } from '../index/typeKind';
import type { FileSummary, StructInfo } from '../index/types';
import { format, type Locale } from '../l10n/locale';
import type { RaceFinding } from './raceFindings';
import { raceMessages as m } from './raceMessages';

export interface RaceFixEdit {
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

const insertAt = (line: number, character: number, newText: string): RaceFixEdit => ({ line, character, endLine: line, endCharacter: character, newText });

/** The method whose body holds `line` (the last declaration starting at or before it). */
function enclosingFunc(summary: FileSummary, line: number) {
  return summary.funcs.filter((f) => f.line <= line).sort((a, b) => b.line - a.line)[0];
}

export function raceFixes(f: RaceFinding, text: string, summary: FileSummary | undefined, structs: Map<string, StructInfo>, locale: Locale): RaceFix[] {
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
  const mu = struct?.fields.find((x) => lockKinds.has(x.kind) && (x.kind === 'mutex' || x.kind === 'rwmutex'));
  if (!struct || !mu) return [];
  const fieldRe = new RegExp(`\\b${fn.receiverName}\\.(\\w+)\\b`, 'g');
  const raced = [...stmt.matchAll(fieldRe)].map((x) => x[1]!).find((name) => struct.fields.some((fl) => fl.name === name && fl.name !== mu.name));
  if (!raced) return [];
  // The same statement already under this lock (e.g. edited since the run) needs nothing.
  const lockPath = `${fn.receiverName}.${mu.name}`;
  const prev = lines[f.site.line - 1]?.trim() ?? '';
  if (prev === `${lockPath}.Lock()` || prev === `${lockPath}.RLock()`) return [];
  const indent = /^[ \t]*/.exec(src)![0];
  const lock = f.op === 'read' && mu.kind === 'rwmutex' ? 'RLock' : 'Lock';
  const unlock = lock === 'RLock' ? 'RUnlock' : 'Unlock';
  const title = format(m.fixGuard, locale, { lock: lockPath });
  if (/^\s*return\b/.test(stmt)) {
    return [{ title, edits: [insertAt(f.site.line, indent.length, `${lockPath}.${lock}()\n${indent}defer ${lockPath}.${unlock}()\n${indent}`)] }];
  }
  return [
    {
      title,
      edits: [insertAt(f.site.line, indent.length, `${lockPath}.${lock}()\n${indent}`), insertAt(f.site.line, src.length, `\n${indent}${lockPath}.${unlock}()`)],
    },
  ];
}
