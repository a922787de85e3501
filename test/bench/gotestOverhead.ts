// What goconc test's checks cost on a package with no findings: wall time of
//   baseline     go test -race -count=1 <packages>
//   goconc test  node dist/cli.js test --format json <packages> -- -count=1
// on the same packages, the same warm build cache, runs interleaved, medians
// compared. A benchmark, not a test: nothing fails on a slow figure (issue 19's
// target is a ratio <= 1.3; docs/performance.md has the latest run).
//
//   node --import tsx test/bench/gotestOverhead.ts [--module golang.org/x/sync@v0.25.0]
//        [--dir <module folder>] [--packages ./errgroup,./semaphore,./singleflight] [--runs 7]
//
// The module comes from the Go module proxy into the module cache and is
// copied to a temporary folder (the cache is read-only); --dir uses a folder as is.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const repo = join(__dirname, '..', '..');
const cli = join(repo, 'dist', 'cli.js');

const { values } = parseArgs({
  options: {
    module: { type: 'string', default: 'golang.org/x/sync@v0.25.0' },
    dir: { type: 'string' },
    packages: { type: 'string', default: './errgroup,./semaphore,./singleflight' },
    runs: { type: 'string', default: '7' },
  },
});

function writable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) writable(p);
    else chmodSync(p, 0o644);
  }
}

function moduleDir(): string {
  if (values.dir) return values.dir;
  const r = spawnSync('go', ['mod', 'download', '-json', values.module!], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go mod download ${values.module}: ${r.stderr || r.stdout}`);
  const src = (JSON.parse(r.stdout) as { Dir: string }).Dir;
  const dst = mkdtempSync(join(tmpdir(), 'goconc-bench-gotest-'));
  cpSync(src, dst, { recursive: true });
  writable(dst);
  return dst;
}

function timed(cmd: string, args: string[], cwd: string): { ms: number; status: number | null; stdout: string; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, LANG: 'C' } });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function main(): void {
  const dir = moduleDir();
  const pkgs = values.packages!.split(',');
  const runs = Number(values.runs);
  const baseline = () => timed('go', ['test', '-race', '-count=1', ...pkgs], dir);
  const goconc = () => timed(process.execPath, [cli, 'test', '--format', 'json', ...pkgs, '--', '-count=1'], dir);
  // Warm-up: both build caches (goconc's overlay makes its own test binaries), untimed.
  const warmBase = baseline();
  const warmGoconc = goconc();
  if (warmBase.status !== 0) throw new Error(`baseline failed:\n${warmBase.stdout}${warmBase.stderr}`);
  const findings = (JSON.parse(warmGoconc.stdout) as { findings: unknown[] }).findings.length;
  const base: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(baseline().ms);
    ours.push(goconc().ms);
  }
  const b = median(base);
  const o = median(ours);
  console.log(
    JSON.stringify(
      {
        module: values.dir ?? values.module,
        packages: pkgs,
        runs,
        findings,
        baselineMs: Math.round(b),
        goconcTestMs: Math.round(o),
        ratio: Number((o / b).toFixed(2)),
        target: 1.3,
        note: findings > 0 ? 'the packages have findings: not the no-findings case the target is about' : undefined,
      },
      null,
      2,
    ),
  );
}

main();
