// Runs `go test -race -json` as its own process group, streams its events
// and, on cancel, stops the whole tree (go, compilers, test binaries).
// Arguments are passed as an array: no shell ever sees them.
import { spawn, spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { hungTests, maxRerunRounds, skipPattern } from './hungTests';
import { prepareOverlay, type PreparedOverlay } from './prepareOverlay';
import type { OverlayPlan } from './testMainOverlay';
import { TestEventCollector, type PackageResult } from './testEvents';
import type { RuntimeReport } from './types';

/** The Go extension's settings that change how tests run (all optional). */
export interface GoSettings {
  goroot?: string;
  alternateTools?: Record<string, string>;
  testFlags?: string[];
  buildTags?: string;
  testEnvVars?: Record<string, string>;
  toolsEnvVars?: Record<string, string>;
}

export interface GoTestCommand {
  go: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/**
 * What `goconc test` adds to the race detector: the leak check and watchdog
 * injected through -overlay (see leakCheckSource.ts). Durations are Go's
 * (`5s`, `1m`); "0" turns that part off.
 */
export interface RuntimeChecks {
  leaks: boolean;
  /** All goroutines blocked, unchanged, for this long: a deadlock. */
  deadlockAfter: string;
  /** One test running for this long: a hang. */
  testDeadline: string;
}

export const defaultRuntimeChecks: RuntimeChecks = { leaks: true, deadlockAfter: '5s', testDeadline: '60s' };

export interface RaceRunOptions {
  cwd: string;
  /** Package patterns, e.g. ["./..."] or ["."]. */
  packages: string[];
  /** A test name: runs only `^name$`. */
  test?: string;
  /** Extra `go test` flags (after `--` on the CLI). */
  extraArgs?: string[];
  go?: GoSettings;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onPackage?: (p: PackageResult, done: number, total: number | undefined) => void;
  /** Leak, deadlock and hang checks (`goconc test`); without them a plain race run (`goconc race`). */
  checks?: RuntimeChecks;
  /** Human-readable output as it arrives (test output, go's stderr). */
  onOutput?: (line: string) => void;
  /** goconc's own progress notes (a package run again after a hang). */
  onNote?: (line: string) => void;
}

export type RaceOutcome = 'races' | 'clean' | 'tests-failed' | 'build-failed' | 'no-tests' | 'go-missing' | 'needs-cgo' | 'go-failed' | 'cancelled';

export interface RaceRunResult {
  outcome: RaceOutcome;
  command: GoTestCommand;
  reports: RuntimeReport[];
  packages: PackageResult[];
  buildOutput: string[];
  stderr: string[];
  exitCode: number | null;
  spawnError?: string;
  /** With checks: the packages whose own TestMain was wrapped, and those run without the checks (and why). */
  overlay?: Pick<OverlayPlan, 'wrapped' | 'skipped'>;
}

/** `${workspaceFolder}` and `${env:NAME}` as the Go extension expands them in settings. */
function expand(value: string, cwd: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{workspaceFolder\}/g, cwd).replace(/\$\{env:(\w+)\}/g, (_m, k: string) => env[k] ?? '');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `-run ^TestX$`, or for a benchmark `-run ^$ -bench ^BenchmarkX$ -benchtime=1x` (one pass is enough for -race). */
function testSelection(test: string | undefined): string[] {
  if (!test) return [];
  const exact = `^${escapeRegExp(test)}$`;
  return test.startsWith('Benchmark') ? ['-run', '^$', '-bench', exact, '-benchtime=1x'] : ['-run', exact];
}

/** The go binary, arguments and environment for a run, from the settings. */
export function goTestCommand(o: Pick<RaceRunOptions, 'cwd' | 'packages' | 'test' | 'extraArgs' | 'go' | 'env'>): GoTestCommand {
  const baseEnv = o.env ?? process.env;
  const s = o.go ?? {};
  const env: NodeJS.ProcessEnv = { ...baseEnv };
  for (const [k, v] of Object.entries({ ...s.toolsEnvVars, ...s.testEnvVars })) env[k] = expand(String(v), o.cwd, baseEnv);
  let go = 'go';
  const exe = process.platform === 'win32' ? 'go.exe' : 'go';
  if (s.goroot) {
    const goroot = expand(s.goroot, o.cwd, baseEnv);
    env.GOROOT = goroot;
    env.PATH = [join(goroot, 'bin'), env.PATH ?? ''].join(delimiter);
    go = join(goroot, 'bin', exe);
  }
  const alt = s.alternateTools?.go;
  if (alt) go = expand(alt, o.cwd, baseEnv);
  const userFlags = (s.testFlags ?? []).map((f) => expand(f, o.cwd, baseEnv)).filter((f) => f !== '-json' && f !== '-race' && !/^-count=/.test(f));
  const args = [
    'test',
    '-race',
    '-json',
    '-count=1',
    ...(s.buildTags && !userFlags.some((f) => f.startsWith('-tags')) ? ['-tags', s.buildTags] : []),
    ...userFlags,
    ...testSelection(o.test),
    ...(o.extraArgs ?? []),
    ...o.packages,
  ];
  return { go, args, cwd: o.cwd, env };
}

/** Sends `signal` to the process group led by `pid` (POSIX) or kills the tree (Windows). */
export function killProcessTree(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // The server or CLI going away must not leave test binaries running.
  process.on('exit', () => liveGroups.forEach((g) => killProcessTree(g)));
}

/** Lines from a stream, calling `onLine` per complete line. */
function lineReader(onLine: (l: string) => void): { push: (chunk: Buffer) => void; end: () => void } {
  let rest = '';
  return {
    push(chunk) {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      parts.forEach(onLine);
    },
    end() {
      if (rest) onLine(rest);
      rest = '';
    },
  };
}

/** Runs `go list -find` for the package count (progress total); undefined if it fails. */
function countPackages(cmd: GoTestCommand, packages: string[], signal?: AbortSignal): Promise<number | undefined> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd.go, ['list', '-find', '-e', '-f', '{{.ImportPath}}', ...packages], {
      cwd: cmd.cwd,
      env: cmd.env,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const abort = () => child.pid && killProcessTree(child.pid);
    signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', abort);
      resolve(code === 0 ? out.split('\n').filter((l) => l.trim()).length : undefined);
    });
  });
}

/** Runs the tests and classifies the outcome; never rejects. */
export async function runGoTestRace(o: RaceRunOptions): Promise<RaceRunResult> {
  if (!o.checks) return runPrepared(o, goTestCommand(o), undefined);
  const plain = goTestCommand(o);
  // The overlay's files live in a temporary folder, removed whatever happens to the run.
  let prepared: (PreparedOverlay & { rest: string[] }) | undefined;
  try {
    const buildArgs = [...(o.go?.buildTags ? ['-tags', o.go.buildTags] : []), ...(o.extraArgs ?? [])];
    prepared = await prepareOverlay(plain.go, o.cwd, plain.env, o.packages, buildArgs, o.signal);
    const command = goTestCommand({ ...o, extraArgs: [...prepared.args, ...prepared.rest] });
    command.env = {
      ...command.env,
      GOCONC_LEAKS: o.checks.leaks ? '1' : '0',
      GOCONC_DEADLOCK_AFTER: o.checks.deadlockAfter,
      GOCONC_TEST_DEADLINE: o.checks.testDeadline,
    };
    const total = prepared.packages.length > 0 ? prepared.packages.length : undefined;
    const result = await rerunAfterHangs(o, command, await runPrepared(o, command, total));
    return { ...result, overlay: { wrapped: prepared.plan.wrapped, skipped: prepared.plan.skipped.filter((x) => x.reason !== 'no-test-files') } };
  } finally {
    prepared?.cleanup();
  }
}

/**
 * Runs each package whose tests hung again without those tests (see hungTests.ts),
 * adding what the reruns find to the first run's packages and reports. One
 * `go test` per round over every such package, skipping the union of their hung
 * tests (a same-named test in another of these packages is skipped too: rare,
 * and far cheaper than a go test per package).
 */
async function rerunAfterHangs(o: RaceRunOptions, command: GoTestCommand, first: RaceRunResult): Promise<RaceRunResult> {
  const skipped = new Set<string>();
  let pending = first.packages.filter((p) => hungTests(p).length > 0);
  const result = { ...first, reports: [...first.reports] };
  for (let round = 0; round < maxRerunRounds && pending.length > 0 && !o.signal?.aborted; round++) {
    for (const p of pending) {
      const hung = hungTests(p);
      hung.forEach((t) => skipped.add(t));
      (o.onNote ?? o.onOutput)?.(`goconc: ${p.package}: ${hung.join(', ')} hung; running the package's other tests again without ${hung.length > 1 ? 'them' : 'it'}`);
    }
    const packages = pending.map((p) => p.package);
    const args = [...command.args.slice(0, command.args.length - o.packages.length), '-skip', skipPattern([...skipped]), ...packages];
    const again = await runPrepared({ ...o, packages, onPackage: undefined }, { ...command, args }, packages.length);
    // Go before 1.20 has no -skip: nothing more to learn.
    if (again.stderr.some((l) => /flag provided but not defined: -skip/.test(l))) break;
    for (const rerun of again.packages) {
      const had = result.packages.find((x) => x.package === rerun.package);
      if (!had) continue;
      had.reports.push(...rerun.reports);
      had.failedTests.push(...rerun.failedTests.filter((t) => !had.failedTests.includes(t)));
      result.reports.push(...rerun.reports);
    }
    pending = again.packages.filter((p) => hungTests(p).length > 0);
  }
  return result;
}

/** Runs one prepared `go test` command; `knownTotal` spares the `go list` for the progress total. */
async function runPrepared(o: RaceRunOptions, command: GoTestCommand, knownTotal: number | undefined): Promise<RaceRunResult> {
  const collector = new TestEventCollector();
  const stderr: string[] = [];
  const base = { command, buildOutput: collector.buildOutput, stderr };
  if (o.signal?.aborted) return { ...base, outcome: 'cancelled', reports: [], packages: [], exitCode: null };
  // `go list -find` skips dependency loading: a fraction of a second, so every progress event can carry the total.
  const total = knownTotal ?? (await countPackages(command, o.packages, o.signal));
  if (o.signal?.aborted) return { ...base, outcome: 'cancelled', reports: [], packages: [], exitCode: null };

  const { exitCode, spawnError } = await new Promise<{ exitCode: number | null; spawnError?: string }>((resolve) => {
    const child = spawn(command.go, command.args, {
      cwd: command.cwd,
      env: command.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so cancel can stop go and every test binary it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    let spawnError: string | undefined;
    let escalate: NodeJS.Timeout | undefined;
    const abort = () => {
      if (!child.pid) return;
      killProcessTree(child.pid, 'SIGTERM');
      escalate = setTimeout(() => child.pid && killProcessTree(child.pid, 'SIGKILL'), 1500);
    };
    if (child.pid) trackGroup(child.pid);
    o.signal?.addEventListener('abort', abort, { once: true });
    const out = lineReader((l) => {
      const finished = collector.push(l);
      if (finished) o.onPackage?.(finished, collector.packages.length, total);
      else if (o.onOutput) {
        try {
          const ev = JSON.parse(l) as { Output?: string };
          if (ev.Output) o.onOutput(ev.Output.replace(/\n$/, ''));
        } catch {
          o.onOutput(l);
        }
      }
    });
    const err = lineReader((l) => {
      stderr.push(l);
      o.onOutput?.(l);
    });
    child.stdout.on('data', out.push);
    child.stderr.on('data', err.push);
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code) => {
      out.end();
      err.end();
      o.signal?.removeEventListener('abort', abort);
      if (escalate) clearTimeout(escalate);
      if (child.pid) {
        // Anything the run left in its group (a test binary whose parent died) goes too.
        killProcessTree(child.pid, 'SIGKILL');
        liveGroups.delete(child.pid);
      }
      resolve({ exitCode: code, ...(spawnError ? { spawnError } : {}) });
    });
  });
  collector.flush();
  const packages = collector.packages;
  const reports = collector.allReports();
  const result = { ...base, reports, packages, exitCode, ...(spawnError ? { spawnError } : {}) };
  return { ...result, outcome: classify(result, o.signal?.aborted ?? false) };
}

/** go's words when cgo is off (CGO_ENABLED=0, or no C compiler on PATH) or CC names no compiler. */
export const needsCgoRe = /-race requires cgo|cgo: C compiler .* not found/;

function classify(r: Omit<RaceRunResult, 'outcome'>, aborted: boolean): RaceOutcome {
  if (aborted) return 'cancelled';
  if (r.spawnError) return 'go-missing';
  const all = [...r.stderr, ...r.buildOutput];
  if (all.some((l) => needsCgoRe.test(l))) return 'needs-cgo';
  if (r.reports.length > 0) return 'races';
  if (r.packages.some((p) => p.status === 'build-failed') || r.buildOutput.length > 0) return 'build-failed';
  if (r.packages.some((p) => p.status === 'fail')) return 'tests-failed';
  if (r.exitCode !== 0) return 'go-failed';
  if (r.packages.filter((p) => p.status === 'pass').length === 0) return 'no-tests';
  return 'clean';
}
