// The open-buffer text kept as lines must read exactly like vscode-languageserver-textdocument, the LSP
// library's own document, under the same changes: random insertions, deletions and replacements spanning
// lines, CRLF and LF, positions past a line's end or past the last line, and full replacements.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LineColumn } from '../../server/src/parse/incrementalEdit';
import { LineBuffer } from '../../server/src/session/lineBuffer';
import { seededRandom } from '../support/editStorm';

const pieces = ['x', '', '\n', 'ab\ncd', '\r\n', 'func f() {\n\treturn\n}\n', '}', '\t', 'é', '\n\n'];

describe('LineBuffer', () => {
  for (const [name, start] of [
    ['LF', 'package a\n\nfunc f() {\n\tprintln(1)\n}\n'],
    ['CRLF', 'package a\r\n\r\nfunc f() {\r\n\tprintln(1)\r\n}\r\n'],
    ['no final newline', 'package a\nvar x = 1'],
    ['empty', ''],
  ] as const) {
    it(`reads like TextDocument after 3,000 random changes (${name})`, () => {
      const rnd = seededRandom(name.length * 7919);
      let doc = TextDocument.create('file:///a.go', 'go', 1, start);
      const buf = new LineBuffer(start);
      for (let i = 0; i < 3000; i++) {
        const lines = doc.lineCount;
        const pos = () => ({ line: Math.floor(rnd() * (lines + 1)), character: Math.floor(rnd() * 14) });
        const text = pieces[Math.floor(rnd() * pieces.length)]!;
        const change: { text: string } | { range: { start: LineColumn; end: LineColumn }; text: string } =
          rnd() < 0.01 ? { text: start + text } : { range: { start: pos(), end: pos() }, text };
        if ('range' in change) {
          // Offsets before the change, as the tree edit reads them.
          assert.equal(buf.offsetAt(change.range.start), doc.offsetAt(change.range.start), `offset of ${JSON.stringify(change.range.start)} at change ${i}`);
        }
        doc = TextDocument.update(doc, [change], i + 2);
        buf.apply(change);
        assert.equal(buf.text, doc.getText(), `after change ${i}: ${JSON.stringify(change)}`);
      }
    });
  }
});
