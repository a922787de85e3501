// Fixtures and examples must be honest Go: they compile and pass go vet.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * Fixture modules whose positives are the very bugs some vet analyzers also
 * report (copying a lock, Add inside the goroutine). `go vet ./...` runs there
 * with those analyzers switched off, and a second run with only them must
 * report nothing but lines carrying a `// want` — vet agreeing with a positive.
 */
const overlapping: Record<string, string[]> = {
  'test/fixtures/lock-copied': ['copylocks'],
  'test/fixtures/waitgroup-misuse': ['copylocks', 'waitgroup'],
};

function vet(mod: string, flags: string[]) {
  const r = spawnSync('go', ['vet', ...flags, './...'], { cwd: mod, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
  assert.ok(!r.error, `cannot run go (${r.error?.message}); install Go from https://go.dev/dl/`);
  return r;
}

describe('go vet', () => {
  const modules = [...goModules(join(root, 'test', 'fixtures')), ...goModules(join(root, 'examples'))];
  it('finds fixture modules', () => assert.ok(modules.length >= 4));
  for (const mod of modules) {
    const rel = mod.slice(root.length + 1);
    const shared = overlapping[rel] ?? [];
    it(`passes in ${rel}${shared.length ? ` (without ${shared.join(', ')})` : ''}`, () => {
      const r = vet(mod, shared.map((a) => `-${a}=false`));
      assert.equal(r.status, 0, r.stderr);
    });
    if (shared.length === 0) continue;
    it(`${shared.join(', ')} report only // want lines in ${rel}`, () => {
      const r = vet(mod, shared.map((a) => `-${a}`));
      const complaints = r.stderr.split('\n').filter((l) => l && !l.startsWith('#'));
      assert.ok(complaints.length > 0, 'expected vet to agree with some positives');
      for (const line of complaints) {
        const m = /^(?:\.\/)?([^:]+\.go):(\d+):\d+: /.exec(line);
        assert.ok(m, `unexpected vet output: ${line}`);
        const src = readFileSync(join(mod, m[1]!), 'utf8').split('\n')[Number(m[2]) - 1] ?? '';
        assert.match(src, /\/\/ want "/, `vet reports a line that is not a positive: ${line}`);
      }
    });
  }
});
