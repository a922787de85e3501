// goconc benchmarks on real Go modules, every figure next to a baseline measured in the same run:
//   goconc check   — the bundled CLI over the whole module: wall time, peak RSS, files/s, MB/s
//   floor          — tree-sitter parse of the same files in the same worker setup, nothing else
//   go vet         — `go vet` on the same packages (warm build cache: a first untimed run builds it)
//   staticcheck    — the same, when it installs from the module proxy
//   editor         — the real server (dist/server.js over stdio): initialize → first complete workspace
//                    diagnostics, and didChange → publishDiagnostics for one-character edits at random
//                    positions in a ~5,000-line file and in a small file of the largest package, then an edit
//                    storm on the large file (10,000 edits in a second, then the original text back: time to the
//                    last version's diagnostics, server RSS growth)
// and the same figures on 10/25/50 % of the largest module's packages.
//
//   npm run bench [-- --only kubernetes,grpc-go] [--dir <module folder>…] [--edits 500] [--storm 10000] [--scaling 10,25,50]
//                 [--no-baselines] [--no-staticcheck] [--no-editor] [--out file.json] [--dist other/dist]
//
// Modules: test/bench/modules.json, downloaded through the Go module proxy into $GOCONC_BENCH_CACHE
// (default ~/.cache/goconc-bench), never into the repository. Benchmarks are not tests: nothing here fails on
// a slow figure; see docs/performance.md for the latest run and the targets.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, homedir, loadavg, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { downloadModule } from '../corpus/goModules.mjs';
import { editStorm, seededRandom, type StormResult } from '../support/editStorm';
import { LspTestClient } from '../support/lspClient';
import { procStatusMB } from '../support/procStatus';
import { fileStats, goEnv, loadablePackages, subset, writableCopy, type BenchModule, type FileStat, type Workload } from './workspace';

const repo = join(__dirname, '..', '..');
let dist = join(repo, 'dist');

interface Timed {
  seconds: number;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Peak RSS in MB (node processes run with the RSS probe). */
  rssMB?: number;
}

interface EditLatency {
  file: string;
  lines: number;
  edits: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface BenchRow {
  module: string;
  version?: string;
  percent: number;
  files: number;
  lines: number;
  megabytes: number;
  findings: number;
  check: { seconds: number; rssMB?: number; filesPerSecond: number; mbPerSecond: number; secondsPerMillionLines: number };
  floor: { seconds: number; rssMB?: number; ratio: number };
  vet?: { seconds: number; status: number | null; ratio: number } | { skipped: string };
  staticcheck?: { seconds: number; status: number | null; ratio: number } | { skipped: string };
  editor?: { initSeconds: number; serverRssMB?: number; large: EditLatency; small: EditLatency; storm?: StormSummary } | { skipped: string };
}

/** The edit storm on the large file: edits sent in about a second, then the original text back. */
export interface StormSummary {
  file: string;
  lines: number;
  edits: number;
  sendSeconds: number;
  /** The last change → the diagnostics of its version. */
  finalMs: number;
  /** Server RSS after those diagnostics minus before the storm. */
  rssGrowthMB?: number;
}

function stormSummary(r: StormResult, lines: number): StormSummary {
  const rssGrowthMB = r.rssAfterMB !== undefined && r.rssBeforeMB !== undefined ? r.rssAfterMB - r.rssBeforeMB : undefined;
  return { file: r.file, lines, edits: r.edits, sendSeconds: r.sendSeconds, finalMs: r.finalLatencyMs, rssGrowthMB };
}

function parseOptions() {
  return parseArgs({
    options: {
      only: { type: 'string' },
      dir: { type: 'string', multiple: true, default: [] },
      edits: { type: 'string', default: process.env.BENCH_EDITS ?? '500' },
      storm: { type: 'string', default: '10000' },
      scaling: { type: 'string' },
      'no-baselines': { type: 'boolean', default: false },
      'no-staticcheck': { type: 'boolean', default: false },
      'no-editor': { type: 'boolean', default: false },
      out: { type: 'string', default: join(repo, 'test-output', 'bench.json') },
      // Another build of the CLI/server (e.g. to compare two commits in one run).
      dist: { type: 'string' },
    },
  }).values;
}

let opts: ReturnType<typeof parseOptions>;

const cache = process.env.GOCONC_BENCH_CACHE ?? join(homedir(), '.cache', 'goconc-bench');
let editCount = 500;
let stormEdits = 10_000;
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

function timed(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Timed {
  const probe = cmd === process.execPath;
  const rssFile = join(cache, `rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  const fullArgs = probe ? ['--require', join(__dirname, 'rssProbe.cjs'), ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(cmd, fullArgs, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...env, GOCONC_BENCH_RSS_FILE: rssFile } });
  const seconds = (performance.now() - t0) / 1000;
  const rssMB = probe && existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : undefined;
  rmSync(rssFile, { force: true });
  return { seconds, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? r.error?.message ?? '', rssMB };
}

/** The floor runs from a bundle beside a copy of the index worker, as the CLI does. */
async function floorScript(): Promise<string> {
  const dir = join(cache, 'tool');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dist)) if (f === 'indexWorker.js' || f.endsWith('.wasm')) copyFileSync(join(dist, f), join(dir, f));
  await build({
    entryPoints: { floor: join(__dirname, 'floor.ts') },
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    // As esbuild.mjs: web-tree-sitter locates itself through import.meta.url.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  });
  return join(dir, 'floor.js');
}

function staticcheckBinary(): string | undefined {
  const bin = join(cache, 'bin');
  const exe = join(bin, 'staticcheck');
  if (existsSync(exe)) return exe;
  const r = spawnSync('go', ['install', 'honnef.co/go/tools/cmd/staticcheck@v0.8.2'], {
    encoding: 'utf8',
    env: { ...goEnv(cache), GOBIN: bin, GOFLAGS: '-modcacherw' },
  });
  if (r.status !== 0) {
    log(`staticcheck did not install: ${(r.stderr || '').trim().split('\n').pop()}`);
    return undefined;
  }
  return exe;
}

/** go vet / staticcheck: one untimed run builds the caches (dependencies compiled, facts recorded), then the timed one. */
function baseline(cmd: string, args: string[], w: Workload, checkSeconds: number): { seconds: number; status: number | null; ratio: number } {
  const env = goEnv(cache);
  timed(cmd, args, w.moduleDir, env);
  const r = timed(cmd, args, w.moduleDir, env);
  if (r.status !== 0 && r.status !== 1 && r.status !== 3) log(`${cmd} exited ${r.status}: ${r.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  return { seconds: r.seconds, status: r.status, ratio: r.seconds / checkSeconds };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The file closest to 5,000 lines, and a small file (fewest lines, at least 30) of the package with the most lines. */
export function editTargets(files: FileStat[]): { large: FileStat; small: FileStat } {
  const large = files.reduce((a, f) => (Math.abs(f.lines - 5000) < Math.abs(a.lines - 5000) ? f : a));
  const byDir = new Map<string, FileStat[]>();
  for (const f of files) byDir.set(dirname(f.path), [...(byDir.get(dirname(f.path)) ?? []), f]);
  const pkg = [...byDir.values()].reduce((a, b) => (b.reduce((n, f) => n + f.lines, 0) > a.reduce((n, f) => n + f.lines, 0) ? b : a));
  const candidates = pkg.filter((f) => f.lines >= 30);
  const small = (candidates.length > 0 ? candidates : pkg).reduce((a, f) => (f.lines < a.lines ? f : a));
  return { large, small };
}

/** One-character edits in pairs (insert at a random position, then delete it), so the file never drifts. */
export async function editLatency(client: LspTestClient, f: FileStat, edits: number, seed: number): Promise<EditLatency> {
  const uri = pathToFileURL(f.path).toString();
  const text = readFileSync(f.path, 'utf8');
  const lines = text.split('\n');
  let version = 1;
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
  let last = await client.waitForDiagnostics(uri, () => true, 600_000);
  const rnd = seededRandom(seed);
  const samples: number[] = [];
  let at = { line: 0, character: 0 };
  for (let i = 0; i < edits; i++) {
    const insert = i % 2 === 0;
    if (insert) {
      const line = Math.floor(rnd() * lines.length);
      at = { line, character: Math.floor(rnd() * ((lines[line] ?? '').length + 1)) };
    }
    const range = insert ? { start: at, end: at } : { start: at, end: { line: at.line, character: at.character + 1 } };
    const prev = last;
    const t0 = performance.now();
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range, text: insert ? 'x' : '' }],
    });
    last = await client.waitForDiagnostics(uri, (p) => p !== prev, 600_000);
    samples.push(performance.now() - t0);
  }
  await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  samples.sort((a, b) => a - b);
  return { file: f.path, lines: f.lines, edits, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: samples[samples.length - 1]! };
}

async function editor(w: Workload): Promise<NonNullable<BenchRow['editor']>> {
  const client = new LspTestClient({ server: join(dist, 'server.js') });
  try {
    const t0 = performance.now();
    await client.initialize(w.dir);
    // `ready` follows the first analysis of every file of the workspace.
    await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 3_600_000, 0);
    const initSeconds = (performance.now() - t0) / 1000;
    const targets = editTargets(w.files);
    const large = await editLatency(client, targets.large, editCount, 1);
    const small = await editLatency(client, targets.small, editCount, 2);
    const serverRssMB = procStatusMB(client.pid, 'VmHWM');
    let storm: StormSummary | undefined;
    if (stormEdits > 0) {
      log(`${basename(w.dir)} ${w.percent}%: edit storm (${stormEdits} edits in 1 s on ${targets.large.path})`);
      storm = stormSummary(await editStorm(client, targets.large.path, { edits: stormEdits, seconds: 1, seed: 3 }), targets.large.lines);
    }
    return { initSeconds, serverRssMB, large, small, ...(storm ? { storm } : {}) };
  } finally {
    await client.shutdown();
  }
}

async function measure(m: BenchModule, w: Workload, floor: string, staticcheck: string | undefined, baselines: boolean): Promise<BenchRow> {
  const lines = w.files.reduce((n, f) => n + f.lines, 0);
  const megabytes = w.files.reduce((n, f) => n + f.bytes, 0) / 1e6;
  log(`${m.name} ${w.percent}%: ${w.files.length} files, ${lines} lines`);
  const check = timed(process.execPath, [join(dist, 'cli.js'), 'check', '--format', 'json', '--fail-on', 'error', w.dir], w.dir);
  if (check.status !== 0 && check.status !== 1) throw new Error(`goconc check exited ${check.status}: ${check.stderr.trim().split('\n')[0]}`);
  const findings = (JSON.parse(check.stdout) as { findings: unknown[] }).findings.length;
  const parse = timed(process.execPath, [floor, w.dir], w.dir);
  if (parse.status !== 0) throw new Error(`floor exited ${parse.status}: ${parse.stderr.trim()}`);
  const row: BenchRow = {
    module: m.name,
    version: m.version,
    percent: w.percent,
    files: w.files.length,
    lines,
    megabytes,
    findings,
    check: {
      seconds: check.seconds,
      rssMB: check.rssMB,
      filesPerSecond: w.files.length / check.seconds,
      mbPerSecond: megabytes / check.seconds,
      secondsPerMillionLines: (check.seconds * 1e6) / lines,
    },
    floor: { seconds: parse.seconds, rssMB: parse.rssMB, ratio: check.seconds / parse.seconds },
  };
  const bounded = w.percent > (m.baselineMaxPercent ?? 100) ? `not run above ${m.baselineMaxPercent}% (build cost)` : undefined;
  if (!baselines) row.vet = row.staticcheck = { skipped: 'disabled' };
  else if (bounded) row.vet = row.staticcheck = { skipped: bounded };
  else if (w.goPatterns.length === 0) row.vet = row.staticcheck = { skipped: 'no package go list can load' };
  else {
    log(`${m.name} ${w.percent}%: go vet`);
    row.vet = baseline('go', ['vet', ...w.goPatterns], w, check.seconds);
    if (staticcheck) {
      log(`${m.name} ${w.percent}%: staticcheck`);
      row.staticcheck = baseline(staticcheck, w.goPatterns, w, check.seconds);
    } else row.staticcheck = { skipped: opts['no-staticcheck'] ? 'disabled' : 'not installable' };
  }
  if (opts['no-editor']) row.editor = { skipped: 'disabled' };
  else {
    log(`${m.name} ${w.percent}%: editor latency (${editCount} edits × 2 files)`);
    row.editor = await editor(w);
  }
  return row;
}

const f1 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(1));
const f2 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));

function table(rows: BenchRow[]): string {
  const head = ['module', '%', 'files', 'klines', 'MB', 'findings', 'check s', 'RSS MB', 'files/s', 'MB/s', 's/Mline', 'floor s', 'check/floor', 'vet s', 'vet/check', 'sc s', 'sc/check'];
  const body = rows.map((r) => {
    const vet = r.vet && 'seconds' in r.vet ? r.vet : undefined;
    const sc = r.staticcheck && 'seconds' in r.staticcheck ? r.staticcheck : undefined;
    return [r.module, String(r.percent), String(r.files), (r.lines / 1000).toFixed(0), f1(r.megabytes), String(r.findings), f2(r.check.seconds), f1(r.check.rssMB), f1(r.check.filesPerSecond), f2(r.check.mbPerSecond), f2(r.check.secondsPerMillionLines), f2(r.floor.seconds), f2(r.floor.ratio), f2(vet?.seconds), f2(vet?.ratio), f2(sc?.seconds), f2(sc?.ratio)];
  });
  const edHead = ['module', '%', 'init s', 'server RSS MB', 'large file (lines)', 'p50 ms', 'p95 ms', 'p99 ms', 'small file (lines)', 'p50 ms', 'p95 ms', 'p99 ms', 'storm edits', 'storm final ms', 'storm RSS +MB'];
  const edBody = rows.flatMap((r) => {
    const e = r.editor && 'initSeconds' in r.editor ? r.editor : undefined;
    if (!e) return [];
    const name = (x: EditLatency) => `${x.file.split('/').pop()} (${x.lines})`;
    const storm = e.storm ? [String(e.storm.edits), f1(e.storm.finalMs), f1(e.storm.rssGrowthMB)] : ['-', '-', '-'];
    return [[r.module, String(r.percent), f2(e.initSeconds), f1(e.serverRssMB), name(e.large), f1(e.large.p50), f1(e.large.p95), f1(e.large.p99), name(e.small), f1(e.small.p50), f1(e.small.p95), f1(e.small.p99), ...storm]];
  });
  const render = (h: string[], b: string[][]) => {
    const widths = h.map((c, i) => Math.max(c.length, ...b.map((row) => row[i]!.length)));
    return [h, ...b].map((row) => row.map((c, i) => (i === 0 || (i > 0 && isNaN(Number(c)) && c !== '-') ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
  };
  return `${render(head, body)}\n\n${edBody.length > 0 ? render(edHead, edBody) : ''}`;
}

async function main(): Promise<void> {
  opts = parseOptions();
  editCount = Number(opts.edits);
  stormEdits = Number(opts.storm);
  if (opts.dist) dist = resolve(opts.dist);
  if (!existsSync(join(dist, 'cli.js')) || !existsSync(join(dist, 'server.js'))) throw new Error('dist/ is missing: run `node esbuild.mjs` first');
  const config = JSON.parse(readFileSync(join(__dirname, 'modules.json'), 'utf8')) as { modules: BenchModule[] };
  const only = opts.only ? new Set(opts.only.split(',')) : undefined;
  const modules: BenchModule[] =
    opts.dir!.length > 0
      ? opts.dir!.map((d) => ({ name: basename(resolve(d)), dir: resolve(d) }))
      : config.modules.filter((m) => !only || only.has(m.name));
  if (modules.length === 0) throw new Error(`no module matches --only ${opts.only}`);
  mkdirSync(cache, { recursive: true });
  const floor = await floorScript();
  const baselines = !opts['no-baselines'];
  const staticcheck = baselines && !opts['no-staticcheck'] ? staticcheckBinary() : undefined;
  const rows: BenchRow[] = [];
  for (const m of modules) {
    const copy = m.dir ?? writableCopy(m, downloadModule({ module: m.module!, version: m.version! }, goEnv(cache)), cache);
    const all = fileStats(copy);
    const loadable = baselines ? loadablePackages(copy, cache) : new Set<string>();
    const percents = [...(opts.scaling ? opts.scaling.split(',').map(Number) : (m.scaling ?? [])), 100].filter((p, i, a) => a.indexOf(p) === i).sort((a, b) => a - b);
    for (const p of percents) rows.push(await measure(m, subset(copy, all, p, cache, loadable, m.name), floor, staticcheck, baselines));
  }
  const machine = {
    cpus: cpus().length,
    availableParallelism: availableParallelism(),
    model: cpus()[0]?.model,
    memoryGB: totalmem() / 2 ** 30,
    loadAverageAtEnd: loadavg(),
    node: process.version,
    go: spawnSync('go', ['version'], { encoding: 'utf8' }).stdout.trim(),
  };
  const result = { generated: new Date().toISOString(), machine, editsPerFile: editCount, rows };
  const out = opts.out!;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.log(table(rows));
  console.log(`\nmachine: ${machine.cpus} cores (${machine.model}), ${machine.memoryGB.toFixed(1)} GB, load ${machine.loadAverageAtEnd.map((l) => l.toFixed(1)).join(' ')}; ${machine.go}`);
  console.log(`figures written to ${out}`);
}

// Imported for its helpers (profiling drivers), it runs nothing.
if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exitCode = 1;
  });
}
