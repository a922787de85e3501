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

function pointAfter(start: Point, inserted: string): Point {
  const lines = inserted.split('\n');
  if (lines.length === 1) return { row: start.row, column: start.column + inserted.length };
  return { row: start.row + lines.length - 1, column: lines[lines.length - 1]!.length };
}

/** Computes the tree-sitter edit for one ranged change; `offsetAt` maps positions of the text before it. */
export function editFor(offsetAt: (pos: LineColumn) => number, change: TextChange): Edit {
  const startIndex = offsetAt(change.range.start);
  const oldEndIndex = offsetAt(change.range.end);
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
