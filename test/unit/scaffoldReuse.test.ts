// Wizard insertions fit the user's package: a type it already declares is
// reused (with the fields the code needs added), other clashes are refused,
// a quick fix's flagged code calls the generated helper, and the go command
// type-checks the result (go vet with an overlay) before anything is written.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { createGoParser } from '../../server/src/parse/goParser';
import { applyScaffold } from '../../server/src/scaffold/apply';
import { applyOffsetEdits } from '../../server/src/scaffold/imports';
import { packageDeclarations } from '../../server/src/scaffold/packageDecls';
import { renderFile } from '../../server/src/scaffold/render';
import { scaffold } from '../../server/src/scaffold/scaffold';
import { newProblems, parseGoProblems, typeCheckPackage } from '../../server/src/scaffold/typeCheck';
import { go, goEnv, tempModule } from '../support/goModule';

const demo = readFileSync(join(__dirname, '..', '..', 'examples', 'internal', 'stock', 'stock.go'), 'utf8');
const target = { packageName: 'stock', goVersion: '1.22' };

describe('wizard insertions fit the package', () => {
  let parser: Parser;
  before(async () => {
    parser = await createGoParser();
  });

  it('opened from gorm-lost-update: reuses Product, adds Version, and Reserve calls the helper', () => {
    const path = '/m/stock.go';
    const site = demo.indexOf('Save(&p)');
    const existing = packageDeclarations(parser, new Map([[path, demo]]));
    const r = applyScaffold(parser, demo, site, 'optimistic-gorm', {}, target, 'en', { existing, path, site });
    assert.ok(r.ok, JSON.stringify(r.errors));
    assert.equal(applyOffsetEdits(demo, r.edits), r.result);
    assert.equal(r.result.match(/^type Product struct/gm)?.length, 1, 'one Product declaration');
    assert.match(r.result, /type Product struct \{[^}]*Version int64 `gorm:"not null;default:1"`\n\}/);
    const reserve = /func \(s \*Store\) Reserve[\s\S]*?\n\}\n/.exec(r.result)![0];
    assert.match(reserve, /return UpdateProductWithVersion\(ctx, s\.db, id, func\(p \*Product\) error \{/);
    assert.doesNotMatch(reserve, /Save\(/);
    assert.ok(r.notes.some((n) => /calls UpdateProductWithVersion/.test(n.en)));
  });

  it('refuses a name the package already uses, saying where', () => {
    const path = '/m/stock.go';
    const existing = packageDeclarations(parser, new Map([[path, demo]]));
    const r = applyScaffold(parser, demo, demo.length, 'mutex-counter', { name: 'Store' }, target, 'en', { existing, path });
    assert.equal(r.ok, false);
    assert.match(r.errors[0]!.message, /Store is already declared at stock\.go:\d+/);
  });

  it('the reused result builds and vets with GORM; a naive insertion is caught by the type check', { timeout: 300_000 }, async () => {
    const dir = tempModule('example.com/shop', '1.22', { 'stock/stock.go': demo });
    const tidy = go(['mod', 'tidy'], dir);
    assert.equal(tidy.status, 0, tidy.output);
    const file = join(dir, 'stock', 'stock.go');
    const tool = { binary: 'go', env: { ...goEnv(), GOFLAGS: '' } };
    const site = demo.indexOf('Save(&p)');
    const fitted = applyScaffold(parser, demo, site, 'optimistic-gorm', {}, target, 'en', { existing: packageDeclarations(parser, new Map([[file, demo]])), path: file, site });
    assert.ok(fitted.ok);
    assert.deepEqual(await typeCheckPackage(join(dir, 'stock'), new Map([[file, fitted.result]]), tool), { status: 'ok' });
    // Without fitting: the example model is declared a second time in a new file.
    const s = scaffold('optimistic-gorm', {}, target, 'en');
    assert.ok(s.ok);
    const naive = renderFile('stock', s.generated.code, s.generated.imports);
    const r = await typeCheckPackage(join(dir, 'stock'), new Map([[join(dir, 'stock', 'optimistic_gorm.go'), naive]]), tool);
    assert.equal(r.status, 'errors');
    assert.ok(r.status === 'errors' && r.problems.some((p) => /Product redeclared/.test(p.message)), JSON.stringify(r));
  });

  it('blames only new problems', () => {
    const before = parseGoProblems('# x\nvet: ./a.go:3:6: P redeclared in this block\n', '/m');
    const after = parseGoProblems('./a.go:9:6: P redeclared in this block\n./b.go:1:1: undefined: y\n\t./a.go:1:1: other declaration of P\n', '/m');
    assert.deepEqual(newProblems(before, after), [{ file: '/m/b.go', line: 1, column: 1, message: 'undefined: y' }]);
  });
});
