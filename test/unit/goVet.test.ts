// Fixtures and examples must be honest Go: they compile and pass go vet.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');

function goModules(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (existsSync(join(d, 'go.mod'))) out.push(d);
    for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory() && e.name !== 'testdata') walk(join(d, e.name));
  };
  walk(dir);
  return out;
}

describe('go vet', () => {
  const modules = [...goModules(join(root, 'test', 'fixtures')), ...goModules(join(root, 'examples'))];
  it('finds fixture modules', () => assert.ok(modules.length >= 4));
  for (const mod of modules) {
    it(`passes in ${mod.slice(root.length + 1)}`, () => {
      const r = spawnSync('go', ['vet', './...'], { cwd: mod, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
      assert.ok(!r.error, `cannot run go (${r.error?.message}); install Go from https://go.dev/dl/`);
      assert.equal(r.status, 0, r.stderr);
    });
  }
});
