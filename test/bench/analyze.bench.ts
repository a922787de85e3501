// Benchmarks the analyser against baselines measured in the same run:
//   floor    — tree-sitter parse of every file, nothing else
//   go vet   — `go vet` on the same packages (warm build cache)
// and incremental re-analysis of one edited file against a full reparse.
// Run: npm run bench [-- <dir>…]   (default: parts of the Go standard library)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { collectGoFiles } from '../../server/src/engine/analyzeWorkspace';
import { createGoParser, parseGo } from '../../server/src/parse/goParser';
import { AnalysisSession } from '../../server/src/session/analysisSession';

const runs = Number(process.env.BENCH_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const goroot = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim();
  if (!goroot) throw new Error('go is not on PATH');
  const stdPkgs = ['net/http', 'sync', 'context', 'database/sql', 'os/exec'];
  const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : stdPkgs.map((p) => join(goroot, 'src', p));
  const files = collectGoFiles(dirs);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  console.log(`workload: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${runs} runs (median)`);

  const parser = await createGoParser();
  const floor = await time(() => {
    for (const t of texts) parseGo(parser, t).delete();
  });
  // The real user path: the bundled CLI, with its worker threads.
  let findings = 0;
  const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
  const full = await time(() => {
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...dirs], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status === 2) throw new Error(r.stderr.trim());
    findings = (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
  });

  let vet: number | undefined;
  if (process.argv.slice(2).length === 0) {
    const vetArgs = ['vet', ...stdPkgs.map((p) => `${p}/...`)];
    spawnSync('go', vetArgs, { cwd: join(goroot, 'src') }); // warm the build cache
    vet = await time(() => spawnSync('go', vetArgs, { cwd: join(goroot, 'src') }));
  }

  // Incremental: one open file, a one-character edit, reparse + re-analyse.
  const big = files.reduce((a, f, i) => (texts[i]!.length > texts[files.indexOf(a)]!.length ? f : a), files[0]!);
  const session = new AnalysisSession();
  await session.init();
  await session.indexFolders(dirs);
  const bigText = readFileSync(big, 'utf8');
  session.openDocument(big, bigText, 1);
  let version = 1;
  const edit = await time(() => {
    for (let i = 0; i < 20; i++) {
      version++;
      const changed = session.changeDocument(big, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: i % 2 ? '/' : '' }], version);
      for (const p of changed) if (p === big) session.analyse(p);
    }
  });
  const perEdit = edit / 20;
  const bigParse = await time(() => parseGo(parser, bigText).delete());

  const row = (name: string, ms: number, base: number, baseName: string) =>
    console.log(`${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms   ${(ms / base).toFixed(2).padStart(6)}× ${baseName}`);
  console.log(`findings: ${findings}`);
  row('tree-sitter parse only (floor)', floor, floor, 'floor');
  row('goconc check (CLI, index + rules)', full, floor, 'floor');
  if (vet !== undefined) {
    row('go vet (warm cache)', vet, floor, 'floor');
    console.log(`goconc / go vet: ${(full / vet).toFixed(2)}×`);
  }
  row(`edit + reparse + analyse (${big.split('/').pop()})`, perEdit, bigParse, 'full parse of that file');
}

main().catch((err: Error) => {
  console.error(`bench: ${err.message}`);
  process.exitCode = 1;
});
