// An open editor buffer with its incrementally maintained syntax tree.
import type { Parser, Tree } from 'web-tree-sitter';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseGo } from '../parse/goParser';
import { editFor, type TextChange } from '../parse/incrementalEdit';

export type ContentChange = TextChange | { text: string };

export class OpenDocument {
  private tree: Tree;
  /** How many parses reused the previous tree (for tests and benchmarks). */
  incrementalParses = 0;

  constructor(
    readonly path: string,
    private doc: TextDocument,
    private readonly parser: Parser,
  ) {
    this.tree = parseGo(parser, doc.getText());
  }

  get text(): string {
    return this.doc.getText();
  }

  get version(): number {
    return this.doc.version;
  }

  get syntaxTree(): Tree {
    return this.tree;
  }

  /** Applies LSP content changes in order, editing the tree for each, then reparses once. */
  applyChanges(changes: ContentChange[], version: number): void {
    let fullReplace = false;
    for (const change of changes) {
      if ('range' in change) {
        this.tree.edit(editFor(this.doc.getText(), change));
      } else fullReplace = true;
      this.doc = TextDocument.update(this.doc, [change], version);
    }
    const old = this.tree;
    this.tree = parseGo(this.parser, this.doc.getText(), fullReplace ? undefined : old);
    if (!fullReplace) this.incrementalParses++;
    old.delete();
  }

  dispose(): void {
    this.tree.delete();
  }
}
