// Human-readable output: `path:line:col: severity: message [rule]`, the form
// editors and terminals turn into links, with related locations indented.
import { relative } from 'node:path';
import type { Finding } from '../engine/finding';

export function toText(findings: Finding[], cwd: string): string {
  const rel = (f: string) => {
    const r = relative(cwd, f);
    return r.startsWith('..') ? f : r;
  };
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${rel(f.file)}:${f.range.startLine + 1}:${f.range.startColumn + 1}: ${f.severity}: ${f.message} [${f.rule}]`);
    for (const r of f.related) lines.push(`    ${rel(r.file)}:${r.range.startLine + 1}:${r.range.startColumn + 1}: ${r.message}`);
  }
  return lines.join('\n');
}
