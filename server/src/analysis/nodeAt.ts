import type { Tree } from 'web-tree-sitter';
import type { Span } from '../index/types';
import type { Node } from '../parse/syntax';

/** The smallest node covering a span recorded in the index (the index stores spans, not nodes). */
export function nodeAtSpan(tree: Tree, span: Span): Node | undefined {
  return (
    tree.rootNode.descendantForPosition(
      { row: span.line, column: span.column },
      { row: span.endLine, column: span.endColumn },
    ) ?? undefined
  );
}

export function spanRange(span: Span) {
  return { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn };
}
