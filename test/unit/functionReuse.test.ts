// Reusing the previous keystroke's function summaries (shifted when they
// moved) must give exactly the summary a fresh pass gives, and must actually
// reuse every function but the edited one: a keystroke re-summarises one
// function, not the file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FunctionReuse, summarizeFile } from '../../server/src/index/summarizeFile';
import { createGoParser, parseGo } from '../../server/src/parse/goParser';

const file = join(__dirname, '..', 'fixtures', 'double-lock', 'good.go');

describe('function reuse between keystrokes', () => {
  it('gives the fresh summary and re-summarises only the edited function', async () => {
    const parser = await createGoParser();
    const text = readFileSync(file, 'utf8');
    const reuse = new FunctionReuse();
    const first = summarizeFile(file, text, parseGo(parser, text), reuse);
    assert.ok(first.funcs.length >= 4, 'the fixture has several functions');
    // Inside the third function's body: type a character, a newline, then delete a line; each against a fresh pass.
    const third = first.funcs[2]!;
    const lines = text.split('\n');
    const at = lines.slice(0, third.line + 1).join('\n').length + 1; // start of the line after its header
    const edits = [text.slice(0, at) + 'x' + text.slice(at), text.slice(0, at) + '\n\n' + text.slice(at), text.slice(0, at) + text.slice(text.indexOf('\n', at) + 1), text];
    for (const edited of edits) {
      const withReuse = summarizeFile(file, edited, parseGo(parser, edited), reuse);
      const fresh = summarizeFile(file, edited, parseGo(parser, edited));
      assert.deepEqual(withReuse, fresh);
      assert.equal(withReuse.funcs[0], first.funcs[0], 'a function before the edit is reused as it is');
      assert.equal(withReuse.funcs[1], first.funcs[1]);
      // Every function but the edited one comes from the previous keystroke (the later ones shifted).
      assert.equal(reuse.hits, withReuse.funcs.length - 1, `edit ${edits.indexOf(edited)}`);
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
  it('equals a fresh summary after edits anywhere in every fixture file', async () => {
    const parser = await createGoParser();
    const fixtures = join(__dirname, '..', 'fixtures');
    const files = readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.go')).map((f) => join(fixtures, f));
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let checked = 0;
    for (const path of files) {
      let text = readFileSync(path, 'utf8');
      const reuse = new FunctionReuse();
      summarizeFile(path, text, parseGo(parser, text), reuse);
      for (const insert of ['x', '\n', '', '\n\n\t', '']) {
        const at = random(text.length);
        text = insert ? text.slice(0, at) + insert + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        assert.deepEqual(summarizeFile(path, text, parseGo(parser, text), reuse), summarizeFile(path, text, parseGo(parser, text)), `${path} after an edit at ${at}`);
        checked++;
      }
    }
    assert.ok(checked > 100, `only ${checked} edits checked`);
  });
});
