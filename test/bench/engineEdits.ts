// Editor latency through the engine process the language server runs
// (`goconc-engine serve`): a one-line edit of a file, sent as an overlay, and
// the package re-checked — the time from the request to the findings, after
// a warm-up. Prints p50/p95 and the engine's peak RSS (children included).
// Usage: node --import tsx test/bench/engineEdits.ts <module dir> <file in it> [edits=20]
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { ensureEngineBinary } from '../../server/src/goEngine/engineBinary';
import { EngineProcess } from '../../server/src/goEngine/engineProcess';

async function main(): Promise<void> {
  const [dir, file, n = '20'] = process.argv.slice(2);
  if (!dir || !file) throw new Error('usage: engineEdits.ts <module dir> <file> [edits]');
  const engine = new EngineProcess(ensureEngineBinary(), (m) => process.stderr.write(`${m}\n`));
  const text = readFileSync(file, 'utf8');
  const pkg = `./${relative(dir, dirname(file))}` || '.';
  const times: number[] = [];
  let replayed = 0;
  for (let i = -2; i < Number(n); i++) {
    const overlay = { [file]: `${text}\n// edit ${i}\n` };
    const start = performance.now();
    const r = await engine.check({ key: 'bench', dir, patterns: [pkg], overlay });
    const ms = performance.now() - start;
    if (i >= 0) {
      times.push(ms);
      if (r.replayed) replayed++;
    }
    if (i === -2) process.stderr.write(`first check: ${ms.toFixed(0)} ms, ${r.findings.length} finding(s), ${r.errors.length} error(s)\n`);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(0);
  console.log(`${file}: ${text.split('\n').length} lines; package ${pkg}; ${times.length} edits: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms; ${replayed} replayed go vet's recorded plan`);
  engine.dispose();
}

main().catch((e) => {
  console.error(`engineEdits: ${(e as Error).message}`);
  process.exit(2);
});
