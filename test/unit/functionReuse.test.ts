// Reusing the previous keystroke's function summaries must give exactly the
// summary a fresh pass gives, and must actually reuse the functions before
// the edit (the point of it: a keystroke re-summarises one function, not the file).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FunctionReuse, summarizeFile } from '../../server/src/index/summarizeFile';
import { createGoParser, parseGo } from '../../server/src/parse/goParser';

const file = join(__dirname, '..', 'fixtures', 'double-lock', 'good.go');

describe('function reuse between keystrokes', () => {
  it('gives the fresh summary and keeps the functions before the edit', async () => {
    const parser = await createGoParser();
    const text = readFileSync(file, 'utf8');
    const reuse = new FunctionReuse();
    const first = summarizeFile(file, text, parseGo(parser, text), reuse);
    assert.ok(first.funcs.length >= 4, 'the fixture has several functions');
    // Type one character inside the third function's body, then delete it again.
    const third = first.funcs[2]!;
    const lines = text.split('\n');
    const at = lines.slice(0, third.line + 1).join('\n').length + 1; // start of the line after its header
    for (const edited of [text.slice(0, at) + 'x' + text.slice(at), text]) {
      const withReuse = summarizeFile(file, edited, parseGo(parser, edited), reuse);
      const fresh = summarizeFile(file, edited, parseGo(parser, edited));
      assert.deepEqual(withReuse, fresh);
      assert.equal(withReuse.funcs[0], first.funcs[0], 'the first function is reused, not re-summarised');
      assert.equal(withReuse.funcs[1], first.funcs[1]);
      assert.notEqual(withReuse.funcs[2], first.funcs[2], 'the edited function is summarised again');
    }
  });

  it('summarises everything again when the imports change', async () => {
    const parser = await createGoParser();
    const text = readFileSync(file, 'utf8');
    const reuse = new FunctionReuse();
    const first = summarizeFile(file, text, parseGo(parser, text), reuse);
    const edited = text.replace('import (', 'import (\n\t_ "embed"');
    assert.notEqual(edited, text);
    const next = summarizeFile(file, edited, parseGo(parser, edited), reuse);
    assert.notEqual(next.funcs.at(-1), first.funcs.at(-1));
    assert.deepEqual(next, summarizeFile(file, edited, parseGo(parser, edited)));
  });
});
