// Recall of the real pipeline (the CLI's JSON output) on the evaluation sets of
// real concurrency bugs under test/eval/{blocking,nonblocking,database,service}: one `goconc check`
// over every program, findings matched to the `// bug` / `// bug-partner` markers,
// and findings on the fixed versions' `// fixed` lines counted as false positives.
// A program whose header says `// Kind: correct` has no bug: every finding in it
// (its subpackages included) is a false positive.
//
//   node --import tsx test/eval/run.ts [--set blocking|nonblocking|database|service] [--check] [--json] [--update-floors]
//
// Report mode always exits 0. --check exits 1 when a set finds fewer bugs than
// its floor in floors.json (or the fixed versions get more findings than
// allowed), 2 when the engine could not analyse a program. --update-floors
// records today's numbers in floors.json (after a rule got better). The format of the
// programs is documented in docs/evaluation.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// Real paths on both sides, so a symlinked checkout still matches findings to markers.
const evalRoot = realpathSync(__dirname);
const repoRoot = join(evalRoot, '..', '..');
const cli = join(repoRoot, 'dist', 'cli.js');
export const setNames = ['blocking', 'nonblocking', 'database', 'service'] as const;
type SetName = (typeof setNames)[number];

interface Marker {
  line: number;
  role: 'bug' | 'partner' | 'fixed';
}

interface Program {
  set: SetName;
  name: string;
  citation: string;
  kind: string;
  expected: string;
  /** The buggy program's marked lines, by absolute file path. */
  markers: Map<string, Marker[]>;
  /** `// Kind: correct`: a correct service, every finding in `dir` is a false positive. */
  correct: boolean;
  dir: string;
  /** The fixed version's `// fixed` lines, when the program has one. */
  fixedMarkers?: Map<string, Marker[]>;
  fixedDir?: string;
}

interface Finding {
  rule: string;
  file: string;
  line: number;
}

interface Outcome {
  program: Program;
  foundBy: string[];
  /** Rules reporting on a `// bug` line itself (the stricter count: no partner lines). */
  foundOnBugLine: string[];
  fixedFalsePositives: string[];
  fixedOtherFindings: string[];
  /** Findings in a correct program (`rule:file:line`), all false positives. */
  correctFindings: string[];
}

export interface Floors {
  [set: string]: {
    found: number;
    total: number;
    recall: number;
    fixedFalsePositives: number;
    /** Sets with `// Kind: correct` programs: how many, and how many of them have a finding. */
    correct?: number;
    correctFalsePositives?: number;
  };
}

/** The program's .go files, those of its subpackages included (a program may be several packages), without fixed/. */
function goFiles(dir: string, top = true): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(top && entry.name === 'fixed')) files.push(...goFiles(path, false));
    } else if (entry.name.endsWith('.go')) {
      files.push(path);
    }
  }
  return files;
}

function readMarkers(files: string[], roles: Marker['role'][]): Map<string, Marker[]> {
  const markers = new Map<string, Marker[]>();
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const found: Marker[] = [];
    lines.forEach((text, i) => {
      const comment = text.match(/\/\/\s*(bug-partner\b|bug:|fixed\b)/);
      if (!comment) return;
      const role: Marker['role'] = comment[1] === 'bug-partner' ? 'partner' : comment[1] === 'fixed' ? 'fixed' : 'bug';
      if (roles.includes(role)) found.push({ line: i + 1, role });
    });
    if (found.length > 0) markers.set(file, found);
  }
  return markers;
}

function header(files: string[], field: string): string {
  for (const file of files) {
    const m = readFileSync(file, 'utf8').match(new RegExp(`^//\\s*${field}:\\s*(.+)$`, 'm'));
    if (m) return m[1]!.trim();
  }
  return '';
}

export function loadPrograms(sets: readonly SetName[]): Program[] {
  const programs: Program[] = [];
  for (const set of sets) {
    const setDir = join(evalRoot, set);
    for (const name of readdirSync(setDir).sort()) {
      const dir = join(setDir, name);
      if (!statSync(dir).isDirectory()) continue;
      const files = goFiles(dir);
      const markers = readMarkers(files, ['bug', 'partner']);
      const kind = header(files, 'Kind');
      const correct = kind === 'correct';
      if (!kind || (!correct && ![...markers.values()].flat().some((m) => m.role === 'bug'))) {
        throw new Error(`${relative(repoRoot, dir)}: every program needs a "// Kind:" header and, unless it is "correct", at least one "// bug: <kind>" line`);
      }
      const program: Program = { set, name, citation: header(files, 'Reproduces'), kind, expected: header(files, 'Expected'), markers, correct, dir };
      const fixedDir = join(dir, 'fixed');
      if (existsSync(fixedDir)) {
        program.fixedDir = fixedDir;
        program.fixedMarkers = readMarkers(goFiles(fixedDir), ['fixed']);
      }
      programs.push(program);
    }
  }
  return programs;
}

/** One `goconc check --format json` over the given folders: the CLI analyses them together. */
export function runEngine(dirs: string[]): { findings: Finding[]; notAnalysed: string[] } {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build it first with \`node esbuild.mjs\``);
  const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...dirs], {
    cwd: evalRoot,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  let parsed: { findings: Finding[] };
  try {
    parsed = JSON.parse(r.stdout) as { findings: Finding[] };
  } catch {
    throw new Error(`goconc check did not print JSON (exit ${r.status}): ${r.stderr || r.stdout}`);
  }
  const notAnalysed = r.stderr.split('\n').filter((l) => l.includes('not analysed by the Go engine'));
  const findings = parsed.findings.map((f) => ({ ...f, file: existsSync(f.file) ? realpathSync(f.file) : f.file }));
  return { findings, notAnalysed };
}

function findingsOn(findings: Finding[], markers: Map<string, Marker[]>, roles: Marker['role'][] = ['bug', 'partner', 'fixed']): string[] {
  const rules = new Set<string>();
  for (const f of findings) {
    if (markers.get(f.file)?.some((m) => m.line === f.line && roles.includes(m.role))) rules.add(f.rule);
  }
  return [...rules].sort();
}

export function evaluate(programs: Program[], findings: Finding[]): Outcome[] {
  return programs.map((program) => {
    const inFixed = program.fixedDir ? findings.filter((f) => f.file.startsWith(program.fixedDir + sep)) : [];
    const fixedFalsePositives = program.fixedMarkers ? findingsOn(inFixed, program.fixedMarkers) : [];
    const onFixedLines = new Set(inFixed.filter((f) => program.fixedMarkers?.get(f.file)?.some((m) => m.line === f.line)));
    return {
      program,
      foundBy: findingsOn(findings, program.markers),
      foundOnBugLine: findingsOn(findings, program.markers, ['bug']),
      fixedFalsePositives,
      fixedOtherFindings: inFixed.filter((f) => !onFixedLines.has(f)).map((f) => `${f.rule}:${f.line}`),
      correctFindings: program.correct
        ? findings.filter((f) => f.file.startsWith(program.dir + sep)).map((f) => `${f.rule}:${relative(program.dir, f.file)}:${f.line}`)
        : [],
    };
  });
}

interface Tally {
  found: number;
  total: number;
}

function percent(t: Tally): string {
  return t.total === 0 ? '-' : `${((100 * t.found) / t.total).toFixed(1)}%`;
}

export function summarise(outcomes: Outcome[]): Floors {
  const floors: Floors = {};
  for (const set of setNames) {
    const all = outcomes.filter((o) => o.program.set === set);
    if (all.length === 0) continue;
    const mine = all.filter((o) => !o.program.correct);
    const correct = all.filter((o) => o.program.correct);
    const found = mine.filter((o) => o.foundBy.length > 0).length;
    floors[set] = {
      found,
      total: mine.length,
      recall: Number((found / mine.length).toFixed(3)),
      fixedFalsePositives: mine.filter((o) => o.fixedFalsePositives.length > 0).length,
    };
    if (correct.length > 0) {
      floors[set].correct = correct.length;
      floors[set].correctFalsePositives = correct.filter((o) => o.correctFindings.length > 0).length;
    }
  }
  return floors;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function report(outcomes: Outcome[], seconds: number, notAnalysed: string[]): string {
  const out: string[] = [];
  for (const set of setNames) {
    const all = outcomes.filter((o) => o.program.set === set);
    if (all.length === 0) continue;
    const mine = all.filter((o) => !o.program.correct);
    const correct = all.filter((o) => o.program.correct);
    out.push(`== ${set} (${mine.length} programs${correct.length > 0 ? `, ${correct.length} correct programs` : ''})`);
    out.push(`${pad('program', 26)} ${pad('kind', 18)} ${pad('found', 6)} ${pad('rule(s)', 44)} fixed version`);
    for (const o of mine) {
      const fixed = !o.program.fixedDir ? '' : o.fixedFalsePositives.length > 0 ? `FALSE POSITIVE: ${o.fixedFalsePositives.join(', ')}` : 'clean';
      out.push(`${pad(o.program.name, 26)} ${pad(o.program.kind, 18)} ${pad(o.foundBy.length > 0 ? 'yes' : 'no', 6)} ${pad(o.foundBy.join(', ') || '-', 44)} ${fixed}`);
    }
    const byKind = new Map<string, Tally>();
    for (const o of mine) {
      const t = byKind.get(o.program.kind) ?? { found: 0, total: 0 };
      t.total++;
      if (o.foundBy.length > 0) t.found++;
      byKind.set(o.program.kind, t);
    }
    const found = mine.filter((o) => o.foundBy.length > 0).length;
    const onBugLine = mine.filter((o) => o.foundOnBugLine.length > 0).length;
    out.push('');
    out.push(`recall ${set}: ${found}/${mine.length} = ${percent({ found, total: mine.length })} (a finding on the // bug line itself: ${onBugLine}/${mine.length})`);
    for (const [kind, t] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${pad(kind, 18)} ${t.found}/${t.total} = ${percent(t)}`);
    }
    const withFixed = mine.filter((o) => o.program.fixedDir);
    const fp = withFixed.filter((o) => o.fixedFalsePositives.length > 0);
    out.push(`fixed versions: ${withFixed.length}, with a finding on a // fixed line (false positive): ${fp.length}`);
    const other = withFixed.filter((o) => o.fixedOtherFindings.length > 0);
    for (const o of other) out.push(`  other findings in ${o.program.name}/fixed (not on the fixed lines): ${o.fixedOtherFindings.join(', ')}`);
    if (correct.length > 0) {
      const noisy = correct.filter((o) => o.correctFindings.length > 0);
      const count = correct.reduce((n, o) => n + o.correctFindings.length, 0);
      out.push(`correct programs: ${correct.length}, with a finding (false positive): ${noisy.length} (${count} findings)`);
      for (const o of correct) out.push(`  ${pad(o.program.name, 26)} ${o.correctFindings.length > 0 ? `FALSE POSITIVE: ${o.correctFindings.join(', ')}` : 'clean'}`);
    }
    out.push('');
  }
  for (const line of notAnalysed) out.push(`engine: ${line}`);
  out.push(`goconc check over ${outcomes.length} programs: ${seconds.toFixed(1)} s`);
  return out.join('\n');
}

export function checkFloors(current: Floors, floors: Floors): string[] {
  const failures: string[] = [];
  for (const [set, floor] of Object.entries(floors)) {
    const now = current[set];
    if (!now) continue;
    if (now.found < floor.found) failures.push(`${set}: recall dropped to ${now.found}/${now.total} (floor ${floor.found}/${floor.total})`);
    if (now.fixedFalsePositives > floor.fixedFalsePositives) {
      failures.push(`${set}: ${now.fixedFalsePositives} fixed versions have a finding on a // fixed line (allowed ${floor.fixedFalsePositives})`);
    }
    if (floor.correctFalsePositives !== undefined && (now.correctFalsePositives ?? 0) > floor.correctFalsePositives) {
      failures.push(`${set}: ${now.correctFalsePositives} correct programs have a finding (allowed ${floor.correctFalsePositives})`);
    }
  }
  return failures;
}

function main(argv: string[]): number {
  const setArg = argv.includes('--set') ? argv[argv.indexOf('--set') + 1] : undefined;
  if (setArg !== undefined && !setNames.includes(setArg as SetName)) {
    process.stderr.write(`--set takes ${setNames.join(' or ')}, not ${setArg}\n`);
    return 2;
  }
  const sets = setArg ? [setArg as SetName] : setNames;
  const programs = loadPrograms(sets);
  const started = Date.now();
  const { findings, notAnalysed } = runEngine(sets.map((s) => join(evalRoot, s)));
  const seconds = (Date.now() - started) / 1000;
  const outcomes = evaluate(programs, findings);
  const current = summarise(outcomes);
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ summary: current, seconds, programs: outcomes.map((o) => ({ set: o.program.set, name: o.program.name, kind: o.program.kind, citation: o.program.citation, foundBy: o.foundBy, foundOnBugLine: o.foundOnBugLine, fixedFalsePositives: o.fixedFalsePositives, correct: o.program.correct, correctFindings: o.correctFindings })) }, null, 2) + '\n');
  } else {
    process.stdout.write(report(outcomes, seconds, notAnalysed) + '\n');
  }
  const floorsFile = join(evalRoot, 'floors.json');
  if (argv.includes('--update-floors')) {
    const floors = existsSync(floorsFile) ? (JSON.parse(readFileSync(floorsFile, 'utf8')) as Floors) : {};
    writeFileSync(floorsFile, JSON.stringify({ ...floors, ...current }, null, 2) + '\n');
  }
  if (!argv.includes('--check')) return 0;
  if (notAnalysed.length > 0) {
    process.stderr.write(`the engine could not analyse some programs:\n${notAnalysed.join('\n')}\n`);
    return 2;
  }
  const floors = JSON.parse(readFileSync(floorsFile, 'utf8')) as Floors;
  const failures = checkFloors(current, floors);
  for (const f of failures) process.stderr.write(`eval floor: ${f}\n`);
  return failures.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
