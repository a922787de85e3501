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

/** An edit adding `import "<path>"` to the file (sorted into a parenthesised list), or none when already imported. */
export function addImportEdit(root: Node, path: string): TextEditSpec[] {
  const specs = root.descendantsOfType('import_spec').filter((s): s is Node => s !== null);
  const quoted = `"${path}"`;
  if (specs.some((s) => s.childForFieldName('path')?.text === quoted)) return [];
  const at = (line: number, column: number) => ({ startLine: line, startColumn: column, endLine: line, endColumn: column });
  const list = root.descendantsOfType('import_spec_list')[0];
  if (list) {
    const next = specs.find((s) => s.parent?.id === list.id && (s.childForFieldName('path')?.text ?? '') > quoted && !s.childForFieldName('name'));
    if (next) return [{ range: at(next.startPosition.row, 0), newText: `\t${quoted}\n` }];
    const close = list.child(list.childCount - 1)!;
    return [{ range: at(close.startPosition.row, 0), newText: `\t${quoted}\n` }];
  }
  const single = root.descendantsOfType('import_declaration')[0];
  if (single && specs[0]) {
    return [{ range: rangeOf(single), newText: `import (\n\t${specs[0].text}\n\t${quoted}\n)` }];
  }
  const pkg = root.descendantsOfType('package_clause')[0];
  if (!pkg) return [];
  const r = rangeOf(pkg);
  return [{ range: at(r.endLine, r.endColumn), newText: `\n\nimport ${quoted}` }];
}
