// `goconc scaffold` as scripts run it: listing, printing, writing and merging
// files, and one-line usage errors with exit code 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { patterns } from '../../server/src/scaffold/scaffold';
import { go } from '../support/goModule';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('goconc scaffold', () => {
  it('--list names every pattern with its parameters', () => {
    const r = run(['scaffold', '--list']);
    assert.equal(r.code, 0, r.stderr);
    for (const p of patterns) assert.match(r.stdout, new RegExp(`^${p.id}\\s`, 'm'));
    assert.match(r.stdout, /name=SafeCounter value=int/);
  });

  it('prints a formatted file using the module Go version from --go', () => {
    const r = run(['scaffold', 'once-init', '--name', 'Config', '--package', 'cfg', '--go', '1.20']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^package cfg\n\nimport \(\n\t"sync"\n\)/);
    assert.match(r.stdout, /configOnce\.Do/);
    assert.match(r.stderr, /sync\.OnceValues needs Go 1\.21/);
  });

  it('writes a new file with its test, and merges into an existing file without duplicate imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'goconc-cli-'));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/cli\n\ngo 1.22\n');
    const first = run(['scaffold', 'mutex-counter', '--name', 'Hits', '--out', 'hits.go', '--test'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.match(readFileSync(join(dir, 'hits.go'), 'utf8'), /^package goconccli/);
    const second = run(['scaffold', 'rwmutex-cache', '--name', 'Sessions', '--out', 'hits.go'], dir);
    assert.equal(second.code, 0, second.stderr);
    const merged = readFileSync(join(dir, 'hits.go'), 'utf8');
    assert.equal(merged.match(/"sync"/g)?.length, 1);
    assert.match(merged, /type Sessions\[K comparable, V any\] struct/);
    const t = go(['test', '-race', '-count=1', './...'], dir);
    assert.equal(t.status, 0, t.output);
  });

  it('rejects bad usage with one line and exit code 2', () => {
    for (const args of [['scaffold'], ['scaffold', 'nope'], ['scaffold', 'mutex-counter', '--name', 'type'], ['scaffold', 'semaphore', '--go', 'latest'], ['scaffold', 'semaphore', '--set', 'x']]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, /^goconc: .+\n$/);
    }
  });
});
