// An open editor buffer with its incrementally maintained syntax tree. Edits
// only update the text (and mark the tree's edited spans); the parse happens
// when the tree is asked for, so a burst of keystrokes costs one parse.
import { Parser, type Language, type Tree } from 'web-tree-sitter';
import { parseGoSteps } from '../parse/goParser';
import { editFor, type TextChange } from '../parse/incrementalEdit';
import { runToEnd, type Steps } from '../steps';
import { LineBuffer } from './lineBuffer';

export type ContentChange = TextChange | { text: string };

/** Past this many edits since the last parse, a fresh parse is cheaper than replaying them on the old tree. */
const maxTreeEdits = 1000;

export class OpenDocument {
  private tree: Tree | undefined;
  /** Edits applied to the text since `tree` was parsed; undefined when the next parse must start afresh. */
  private treeEdits: number | undefined = undefined;
  private treeCurrent = false;
  /** How many parses reused the previous tree (for tests and benchmarks). */
  incrementalParses = 0;

  /** Its own parser: a parse paused half-way (see parseGoSteps) must not be disturbed by other files' parses. */
  private readonly parser: Parser;

  private readonly buffer: LineBuffer;

  constructor(
    readonly path: string,
    text: string,
    private docVersion: number,
    language: Language,
  ) {
    this.buffer = new LineBuffer(text);
    this.parser = new Parser().setLanguage(language);
  }

  get text(): string {
    return this.buffer.text;
  }

  get version(): number {
    return this.docVersion;
  }

  /** The tree of the current text, parsed now if edits came since the last parse. */
  get syntaxTree(): Tree {
    return runToEnd(this.syntaxTreeSteps());
  }

  /** The same, parsing in slices; dropped half-way (a newer edit), it leaves the old tree in place. */
  *syntaxTreeSteps(): Steps<Tree> {
    if (this.tree && this.treeCurrent) return this.tree;
    const old = this.tree;
    const reuse = old !== undefined && this.treeEdits !== undefined;
    const tree = yield* parseGoSteps(this.parser, this.buffer.text, reuse ? old : undefined);
    if (reuse) this.incrementalParses++;
    old?.delete();
    this.tree = tree;
    this.treeEdits = 0;
    this.treeCurrent = true;
    return tree;
  }

  /** Applies LSP content changes in order; the tree is only told where they were. */
  applyChanges(changes: readonly ContentChange[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || this.treeEdits === undefined || this.treeEdits >= maxTreeEdits) this.treeEdits = undefined;
      else if (this.tree) {
        this.tree.edit(editFor((p) => this.buffer.offsetAt(p), change));
        this.treeEdits++;
      }
      this.buffer.apply(change);
    }
    this.docVersion = version;
    this.treeCurrent = false;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
    this.parser.delete();
  }
}
