// Benchmark of the Go engine against `go vet` on the same packages, measured
// in the same run (ratios, not absolute times, are the result):
//   cold      — empty go build cache for each: what a CI job without a cache pays;
//   unchanged — the same command again, warm cache: what a re-run or the editor pays.
// Targets (the engine issue): cold goconc ≤ 1.2× cold go vet; unchanged ≤ 2× warm go vet or ≤ 1.5 s.
// Usage: node --import tsx test/bench/engine.ts [--target std:net/...] [--target dir:/path/to/module] [--json out.json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureEngineBinary } from '../../server/src/goEngine/engineBinary';

interface Target {
  label: string;
  dir: string;
  patterns: string[];
}

function goEnv(name: string): string {
  return spawnSync('go', ['env', name], { encoding: 'utf8' }).stdout.trim();
}

function parseTarget(spec: string): Target {
  if (spec.startsWith('std:')) return { label: spec, dir: join(goEnv('GOROOT'), 'src'), patterns: [spec.slice(4)] };
  if (spec.startsWith('dir:')) return { label: spec, dir: spec.slice(4), patterns: ['./...'] };
  throw new Error(`--target must be std:<pattern> or dir:<module folder>, got "${spec}"`);
}

/** Wall seconds of `go vet [-vettool] patterns` with the given build cache. */
function vet(t: Target, cache: string, tool?: string): number {
  const args = ['vet', ...(tool ? [`-vettool=${tool}`] : []), ...t.patterns];
  const start = performance.now();
  const r = spawnSync('go', args, { cwd: t.dir, env: { ...process.env, GOCACHE: cache, GOFLAGS: '' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const secs = (performance.now() - start) / 1000;
  // vet exits 1 when it reports something; anything else without output on stdout/stderr is a failure.
  if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`go ${args.join(' ')} in ${t.dir} failed: ${r.error?.message ?? r.stderr.slice(0, 400)}`);
  return secs;
}

function main(): void {
  const { values } = parseArgs({ options: { target: { type: 'string', multiple: true }, json: { type: 'string' } } });
  const targets = (values.target?.length ? values.target : ['std:net/...']).map(parseTarget);
  const engine = ensureEngineBinary({ onBuild: (m) => process.stderr.write(`${m}\n`) });
  const rows: Record<string, number | string>[] = [];
  for (const t of targets) {
    const caches = [mkdtempSync(join(tmpdir(), 'goconc-bench-vet-')), mkdtempSync(join(tmpdir(), 'goconc-bench-eng-'))];
    try {
      const vetCold = vet(t, caches[0]!);
      const engCold = vet(t, caches[1]!, engine);
      const vetWarm = vet(t, caches[0]!);
      const engWarm = vet(t, caches[1]!, engine);
      rows.push({
        target: t.label,
        'go vet cold s': +vetCold.toFixed(1),
        'goconc cold s': +engCold.toFixed(1),
        'cold ratio': +(engCold / vetCold).toFixed(2),
        'go vet warm s': +vetWarm.toFixed(2),
        'goconc unchanged s': +engWarm.toFixed(2),
        'unchanged ratio': +(engWarm / vetWarm).toFixed(2),
      });
    } finally {
      for (const c of caches) {
        spawnSync('chmod', ['-R', 'u+w', c]);
        rmSync(c, { recursive: true, force: true });
      }
    }
  }
  console.table(rows);
  if (values.json) writeFileSync(values.json, JSON.stringify(rows, null, 2));
}

main();
