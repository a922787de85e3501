// Applies LSP-style edits (0-based line/UTF-16 column) to a text, last first.
import type { FindingEdit } from '../../server/src/engine/finding';

function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off + column;
}

export function applyEdits(text: string, edits: Pick<FindingEdit, 'range' | 'newText'>[]): string {
  const resolved = edits
    .map((e) => ({
      start: offsetOf(text, e.range.startLine, e.range.startColumn),
      end: offsetOf(text, e.range.endLine, e.range.endColumn),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of resolved) {
    if (e.end > lastStart) continue; // overlapping fixes: keep the later one, as gopls does
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}
