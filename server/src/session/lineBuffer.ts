// An open buffer's text as an array of lines, so an LSP change costs the lines it touches instead of a copy of
// the whole file (a 120 KB file edited 10,000 times in a second was 1.2 GB of copying through TextDocument).
// Positions follow LSP (and vscode-languageserver-textdocument): UTF-16 columns; a column past the end of its
// line means the line's end before its terminator; a line past the last means the end of the text.
import type { LineColumn } from '../parse/incrementalEdit';

export class LineBuffer {
  /** Each line with its terminator ("\n" or "\r\n"); the last has none. */
  private lines: string[];
  private joined: string | undefined;

  constructor(text: string) {
    this.lines = splitLines(text);
    this.joined = text;
  }

  get text(): string {
    this.joined ??= this.lines.join('');
    return this.joined;
  }

  /** The UTF-16 offset of a position, clamped as described above. */
  offsetAt(pos: LineColumn): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lines.length) return this.text.length;
    let offset = 0;
    for (let i = 0; i < pos.line; i++) offset += this.lines[i]!.length;
    return offset + this.columnIn(pos.line, pos.character);
  }

  /** Replaces the range with `text`; a change without a range replaces everything. */
  apply(change: { range: { start: LineColumn; end: LineColumn }; text: string } | { text: string }): void {
    this.joined = undefined;
    if (!('range' in change)) {
      this.lines = splitLines(change.text);
      this.joined = change.text;
      return;
    }
    let { start, end } = change.range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    const last = this.lines.length - 1;
    const [sl, sc] = start.line > last ? [last, this.lines[last]!.length] : [Math.max(0, start.line), this.columnIn(Math.max(0, start.line), start.character)];
    const [el, ec] = end.line > last ? [last, this.lines[last]!.length] : [Math.max(0, end.line), this.columnIn(Math.max(0, end.line), end.character)];
    const merged = this.lines[sl]!.slice(0, sc) + change.text + this.lines[el]!.slice(ec);
    const replacement = splitLines(merged);
    // Before the last line the merged piece ends with its line's terminator: no empty line after it.
    if (el < last && replacement.length > 1 && replacement[replacement.length - 1] === '') replacement.pop();
    this.lines.splice(sl, el - sl + 1, ...replacement);
    if (this.lines.length === 0) this.lines.push('');
  }

  /** A column of line `line` clamped to the end of its text (before "\n" or "\r\n"). */
  private columnIn(line: number, character: number): number {
    const l = this.lines[line]!;
    const end = l.endsWith('\r\n') ? l.length - 2 : l.endsWith('\n') || l.endsWith('\r') ? l.length - 1 : l.length;
    return Math.max(0, Math.min(character, end));
  }
}

/** Lines with their terminators: "\r\n", "\n", or a lone "\r" (a line break for LSP too). */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
  if (/[\r\n]$/.test(lines[lines.length - 1]!)) lines.push('');
  return lines;
}
