// Turns an LSP content change into a tree-sitter edit so the old tree can be
// reused by the next parse. Positions are UTF-16 code units, as both LSP and
// web-tree-sitter use them.
import { Edit, type Point } from 'web-tree-sitter';

export interface LineColumn {
  line: number;
  character: number;
}

export interface TextChange {
  range: { start: LineColumn; end: LineColumn };
  text: string;
}

function offsetAt(lineStarts: number[], pos: LineColumn, textLength: number): number {
  const start = lineStarts[pos.line];
  if (start === undefined) return textLength;
  return Math.min(start + pos.character, textLength);
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function pointAfter(start: Point, inserted: string): Point {
  const lines = inserted.split('\n');
  if (lines.length === 1) return { row: start.row, column: start.column + inserted.length };
  return { row: start.row + lines.length - 1, column: lines[lines.length - 1]!.length };
}

/** Computes the tree-sitter edit for one ranged change applied to `before`. */
export function editFor(before: string, change: TextChange): Edit {
  const starts = lineStartsOf(before);
  const startIndex = offsetAt(starts, change.range.start, before.length);
  const oldEndIndex = offsetAt(starts, change.range.end, before.length);
  const startPosition = { row: change.range.start.line, column: change.range.start.character };
  return new Edit({
    startIndex,
    oldEndIndex,
    newEndIndex: startIndex + change.text.length,
    startPosition,
    oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
    newEndPosition: pointAfter(startPosition, change.text),
  });
}
