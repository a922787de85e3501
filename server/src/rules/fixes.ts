// Edits shared by quick fixes: wrapping a statement in Lock/Unlock and
// reading a line's indentation.
import { rangeOf, type Node } from '../parse/syntax';
import type { TextEditSpec } from './types';

export function indentationOf(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** Wraps `stmt` as `lock.Lock()` / stmt / `lock.Unlock()` on their own lines. */
export function wrapInLock(text: string, stmt: Node, lockPath: string): TextEditSpec[] {
  const r = rangeOf(stmt);
  const indent = indentationOf(text, r.startLine);
  // After any trailing comment, so the comment stays with its statement.
  const lineEnd = text.split('\n')[r.endLine]?.length ?? r.endColumn;
  return [
    { range: { startLine: r.startLine, startColumn: r.startColumn, endLine: r.startLine, endColumn: r.startColumn }, newText: `${lockPath}.Lock()\n${indent}` },
    { range: { startLine: r.endLine, startColumn: lineEnd, endLine: r.endLine, endColumn: lineEnd }, newText: `\n${indent}${lockPath}.Unlock()` },
  ];
}

/** Deletes a whole statement line (the statement must be alone on its line). */
export function deleteLine(stmt: Node): TextEditSpec {
  const r = rangeOf(stmt);
  return { range: { startLine: r.startLine, startColumn: 0, endLine: r.endLine + 1, endColumn: 0 }, newText: '' };
}
