// Benchmark of the Go engine against `go vet` on the same packages, measured
// in the same run (ratios, not absolute times, are the result):
//   cold      — empty go build cache for each: what a CI job without a cache pays;
//   unchanged — the same command again, warm cache: what a re-run or the editor pays.
// Targets (the engine issue): cold goconc ≤ 1.2× cold go vet; unchanged ≤ 2× warm go vet or ≤ 1.5 s.
// Usage: node --import tsx test/bench/engine.ts [--target std:net/...] [--target dir:/path/to/module] [--json out.json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

// GNU time reports the CPU seconds of the go command and every process it starts: on a shared
// machine CPU time is the stable figure, wall time the one a user feels.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Wall and CPU seconds of `go vet [-vettool] patterns` with the given build cache. */
function vet(t: Target, cache: string, tool?: string): { wall: number; cpu: number } {
  const args = ['vet', ...(tool ? [`-vettool=${tool}`] : []), ...t.patterns];
  const [cmd, cmdArgs] = gnuTime ? [gnuTime, ['-f', 'goconc-time %U %S', 'go', ...args]] : ['go', args];
  const start = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: t.dir, env: { ...process.env, GOCACHE: cache, GOFLAGS: '' }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - start) / 1000;
  // vet exits 1 when it reports something; anything else is a failure.
  if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`go ${args.join(' ')} in ${t.dir} failed: ${r.error?.message ?? r.stderr.slice(0, 400)}`);
  const m = /goconc-time ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
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
        'vet cold wall s': +vetCold.wall.toFixed(1),
        'goconc cold wall s': +engCold.wall.toFixed(1),
        'cold CPU ratio': +(engCold.cpu / vetCold.cpu).toFixed(2),
        'cold wall ratio': +(engCold.wall / vetCold.wall).toFixed(2),
        'vet warm wall s': +vetWarm.wall.toFixed(2),
        'goconc unchanged wall s': +engWarm.wall.toFixed(2),
        'unchanged wall ratio': +(engWarm.wall / vetWarm.wall).toFixed(2),
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
