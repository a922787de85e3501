// Insertion into real files: each case under test/scaffold/insert/<case>/ has
// input.go with the cursor marked /*|*/, case.json (pattern, answers, go
// version) and input.go.golden, the expected file (imports included). The
// expected files also compile and pass go vet in a module with GORM.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { createGoParser } from '../../server/src/parse/goParser';
import { applyScaffold, contextAt } from '../../server/src/scaffold/apply';
import { applyOffsetEdits } from '../../server/src/scaffold/imports';
import { go, tempModule } from '../support/goModule';

const casesDir = join(__dirname, '..', 'scaffold', 'insert');
const cases = readdirSync(casesDir).filter((d) => existsSync(join(casesDir, d, 'case.json')));
const marker = '/*|*/';

describe('scaffold insertion (golden files)', () => {
  let parser: Parser;
  before(async () => {
    parser = await createGoParser();
  });

  for (const name of cases) {
    it(name, () => {
      const spec = JSON.parse(readFileSync(join(casesDir, name, 'case.json'), 'utf8')) as { pattern: string; answers: Record<string, string>; go: string };
      const raw = readFileSync(join(casesDir, name, 'input.go'), 'utf8');
      const offset = raw.indexOf(marker);
      assert.ok(offset >= 0, 'input.go has no /*|*/ cursor');
      const text = raw.replace(marker, '');
      const pkg = /^package (\w+)/m.exec(text)![1]!;
      const r = applyScaffold(parser, text, offset, spec.pattern, spec.answers, { packageName: pkg, goVersion: spec.go }, 'en');
      assert.ok(r.ok, JSON.stringify(r.errors));
      assert.equal(applyOffsetEdits(text, r.edits), r.result, 'the edits produce the result');
      const goldenPath = join(casesDir, name, 'input.go.golden');
      if (process.env.GOCONC_UPDATE_GOLDEN === '1') writeFileSync(goldenPath, r.result);
      assert.equal(r.result, readFileSync(goldenPath, 'utf8'));
    });
  }

  it('golden files compile and pass go vet', { timeout: 300_000 }, () => {
    const files: Record<string, string> = { 'internal/sync/sync.go': 'package sync\n\n// Do is a stand-in for a project package named like the standard one.\nfunc Do() {}\n' };
    for (const name of cases) files[`${name.replace(/-/g, '')}/input.go`] = readFileSync(join(casesDir, name, 'input.go.golden'), 'utf8');
    const dir = tempModule('example.com/insert', '1.22', files);
    const tidy = go(['mod', 'tidy'], dir);
    assert.equal(tidy.status, 0, tidy.output);
    const vet = go(['vet', './...'], dir);
    assert.equal(vet.status, 0, vet.output);
  });
});

describe('cursor context', () => {
  it('offers the loop rewrite only for loops that do not limit their goroutines yet', async () => {
    const parser = await createGoParser();
    const text = (body: string) => `package p\n\nfunc f(xs []int, sem chan struct{}) {\n\tfor _, x := range xs {\n${body}\n\t\tgo func() { _ = x }()\n\t}\n}\n`;
    const at = (t: string) => t.indexOf('go func');
    assert.equal(contextAt(parser, text(''), at(text(''))).kind, 'goLoop');
    assert.equal(contextAt(parser, text('\t\tsem <- struct{}{}'), at(text('\t\tsem <- struct{}{}'))).kind, 'none');
  });
});
