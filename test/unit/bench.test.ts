// `npm run bench` runs end to end on a small local module (four fixture packages without dependencies, so
// nothing is downloaded):
// it prints its tables and writes JSON whose fields hang together. Benchmarks are not tests, so no figure
// is judged here, only that each was measured.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { BenchRow } from '../bench/bench';

const root = join(__dirname, '..', '..');

function goFilesIn(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.go')).length;
}

describe('npm run bench', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'goconc-bench-test-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const module = join(tmp, 'locks');
  mkdirSync(module);
  writeFileSync(join(module, 'go.mod'), 'module example.com/locks\n\ngo 1.22\n');
  for (const pkg of ['lock-without-unlock', 'close-misuse', 'cancel-not-called', 'lock-order-inversion']) {
    const from = join(root, 'test', 'fixtures', pkg);
    mkdirSync(join(module, pkg));
    for (const f of readdirSync(from)) if (f.endsWith('.go')) copyFileSync(join(from, f), join(module, pkg, f));
  }
  const out = join(tmp, 'bench.json');
  const edits = 10;
  const stormEdits = 2000;
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'test', 'bench', 'bench.ts'), '--dir', module, '--edits', String(edits), '--storm', String(stormEdits), '--scaling', '50', '--no-staticcheck', '--out', out],
    { cwd: root, encoding: 'utf8', env: { ...process.env, GOCONC_BENCH_CACHE: join(tmp, 'cache') }, timeout: 120_000 },
  );

  it('exits 0 and prints the analysis and editor tables', () => {
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^module +% +files +klines .*check\/floor .*vet\/check/m);
    assert.match(r.stdout, /^locks +100 /m);
    assert.match(r.stdout, /^module +% +init s .*p95 ms.*storm final ms +storm RSS \+MB$/m);
    assert.match(r.stdout, /machine: \d+ cores/);
  });

  it('writes JSON with every measurement for the whole module and the subset', () => {
    const json = JSON.parse(readFileSync(out, 'utf8')) as { machine: { cpus: number; memoryGB: number }; editsPerFile: number; rows: BenchRow[] };
    assert.ok(json.machine.cpus > 0 && json.machine.memoryGB > 0);
    assert.equal(json.editsPerFile, edits);
    assert.deepEqual(json.rows.map((row) => row.percent), [50, 100]);
    const [half, whole] = json.rows as [BenchRow, BenchRow];
    assert.equal(whole.files, goFilesIn(module));
    assert.ok(half.files > 0 && half.files < whole.files, `subset has ${half.files} of ${whole.files} files`);
    for (const row of json.rows) {
      assert.equal(row.module, 'locks');
      assert.ok(row.lines > 0 && row.megabytes > 0);
      assert.ok(row.check.seconds > 0 && row.check.rssMB! > 0, JSON.stringify(row.check));
      assert.ok(row.floor.seconds > 0);
      assert.ok(Math.abs(row.floor.ratio - row.check.seconds / row.floor.seconds) < 1e-9);
      assert.ok(row.vet && 'seconds' in row.vet && row.vet.seconds > 0, JSON.stringify(row.vet));
      assert.deepEqual(row.staticcheck, { skipped: 'disabled' });
      assert.ok(row.editor && 'initSeconds' in row.editor, JSON.stringify(row.editor));
      assert.ok(row.editor.initSeconds > 0);
      for (const e of [row.editor.large, row.editor.small]) {
        assert.equal(e.edits, edits);
        assert.ok(e.lines > 0);
        assert.ok(0 < e.p50 && e.p50 <= e.p95 && e.p95 <= e.p99 && e.p99 <= e.max, JSON.stringify(e));
      }
      const storm = row.editor.storm;
      assert.ok(storm, 'the edit storm ran');
      assert.equal(storm.edits, stormEdits);
      assert.equal(storm.file, row.editor.large.file);
      assert.ok(storm.sendSeconds > 0 && storm.finalMs > 0 && storm.rssGrowthMB !== undefined, JSON.stringify(storm));
    }
    // Fixture packages: their positives are findings.
    assert.ok(whole.findings > 0);
  });
});
