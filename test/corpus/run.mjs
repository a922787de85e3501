#!/usr/bin/env node
// Precision corpus: downloads the pinned modules of corpus.json through the Go
// module proxy (`go mod download -json`, sources land in the module cache and
// are never committed), runs `node dist/cli.js check --format json` on each,
// prints per-rule counts and the CLI's wall time per module, and writes every
// finding to a JSON file to sample from when judging precision.
//
//   node test/corpus/run.mjs [--only name,…] [--out file] [--vet] [--sample N] [--rule id]
//
// --vet      also times `go vet ./...` in the module (downloads its dependencies; slow) as a baseline ratio
// --sample N prints N findings per rule (deterministic pick) with three lines of source around each
// --rule id  with --sample: only that rule
// Build first: `node esbuild.mjs`. Not part of scripts/test.sh (minutes per module).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { downloadModule } from './goModules.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const cli = join(repo, 'dist', 'cli.js');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: join(repo, 'test-output', 'corpus-findings.json') },
    vet: { type: 'boolean', default: false },
    sample: { type: 'string' },
    rule: { type: 'string' },
    'from-file': { type: 'boolean', default: false },
  },
});

function fail(msg) {
  process.stderr.write(`corpus: ${msg}\n`);
  process.exit(2);
}

if (!existsSync(cli)) fail(`${cli} is missing: run \`node esbuild.mjs\` first`);
const corpus = JSON.parse(readFileSync(join(here, 'corpus.json'), 'utf8'));
const only = values.only ? new Set(values.only.split(',')) : undefined;
const modules = corpus.modules.filter((m) => !only || only.has(m.name));
if (modules.length === 0) fail(`no module matches --only ${values.only}`);

/** Source folder of module@version in the module cache, downloading it through the proxy when needed. */
function download(m) {
  try {
    return downloadModule(m);
  } catch (err) {
    fail(err.message);
  }
}

/** CPU seconds used by waited-for children so far (Linux /proc; 0 elsewhere): robust on a busy machine, unlike wall time. */
function childCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in USER_HZ ticks
  } catch {
    return 0;
  }
}

function timed(cmd, args, opts) {
  const t0 = process.hrtime.bigint();
  const c0 = childCpuSeconds();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  return { r, seconds: Number(process.hrtime.bigint() - t0) / 1e9, cpu: childCpuSeconds() - c0 };
}

let results;
if (values['from-file']) {
  results = JSON.parse(readFileSync(values.out, 'utf8'));
} else {
  results = { generated: new Date().toISOString(), modules: [], findings: [] };
  for (const m of modules) {
    const dir = download(m);
    process.stderr.write(`corpus: ${m.name} ${m.module}@${m.version} …\n`);
    const { r, seconds, cpu } = timed('node', [cli, 'check', '--format', 'json', '--fail-on', 'error', dir], { cwd: dir });
    if (r.status !== 0 && r.status !== 1) fail(`goconc check on ${dir} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
    const out = JSON.parse(r.stdout);
    const skipped = r.stderr.split('\n').filter((l) => /^skipped |건너뜀/.test(l)).length;
    const entry = { name: m.name, module: m.module, version: m.version, dir, seconds, cpu, findings: out.findings.length, skippedFiles: skipped };
    if (values.vet) {
      // go vet needs the module's dependencies; -mod=mod lets it resolve them without writing the read-only cache dir.
      const vet = timed('go', ['vet', './...'], { cwd: dir, env: { ...process.env, GOFLAGS: '-mod=mod -buildvcs=false' } });
      entry.vetSeconds = vet.seconds;
      entry.vetCpu = vet.cpu;
      entry.vetStatus = vet.r.status;
    }
    results.modules.push(entry);
    for (const f of out.findings) {
      results.findings.push({ module: m.name, version: m.version, ...f, file: relative(dir, f.file) });
    }
  }
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(results, null, 2));
}

// Per-module timings and per-rule counts.
const pad = (s, n) => String(s).padEnd(n);
const num = (x) => (x === undefined ? '-' : x.toFixed(1));
console.log('module                    version                    skipped  findings  wall(s)  cpu(s)  vet wall  vet cpu  cpu ratio');
for (const e of results.modules) {
  const ratio = e.vetCpu ? (e.cpu / e.vetCpu).toFixed(2) : '';
  console.log(
    `${pad(e.name, 26)}${pad(e.version, 27)}${pad(e.skippedFiles, 9)}${pad(e.findings, 10)}${pad(num(e.seconds), 9)}${pad(num(e.cpu), 8)}${pad(num(e.vetSeconds), 10)}${pad(num(e.vetCpu), 9)}${ratio}`,
  );
}
const rules = [...new Set(results.findings.map((f) => f.rule))].sort();
const names = results.modules.map((e) => e.name);
console.log(`\n${pad('rule', 32)}${names.map((n) => pad(n.slice(0, 12), 13)).join('')}total`);
for (const rule of rules) {
  const counts = names.map((n) => results.findings.filter((f) => f.rule === rule && f.module === n).length);
  console.log(`${pad(rule, 32)}${counts.map((c) => pad(c, 13)).join('')}${counts.reduce((a, b) => a + b, 0)}`);
}
console.log(`\nfindings written to ${values.out}`);

// A deterministic sample to judge: spread over the modules, with the source around each finding.
if (values.sample) {
  const n = Number(values.sample);
  const dirs = Object.fromEntries(results.modules.map((e) => [e.name, e.dir]));
  for (const rule of rules) {
    if (values.rule && values.rule !== rule) continue;
    const all = results.findings.filter((f) => f.rule === rule);
    const step = Math.max(1, Math.floor(all.length / n));
    const picked = all.filter((_, i) => i % step === 0).slice(0, n);
    console.log(`\n===== ${rule}: ${picked.length} of ${all.length}`);
    for (const f of picked) {
      const lines = readFileSync(join(dirs[f.module], f.file), 'utf8').split('\n');
      console.log(`\n--- ${f.module}/${f.file}:${f.line} ${f.message}`);
      for (let i = Math.max(0, f.line - 4); i < Math.min(lines.length, f.line + 3); i++) {
        console.log(`${i + 1 === f.line ? '>' : ' '}${String(i + 1).padStart(5)} ${lines[i]}`);
      }
      for (const rel of f.related) console.log(`      related ${relative(dirs[f.module], rel.file)}:${rel.line} ${rel.message}`);
    }
  }
}
