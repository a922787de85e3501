// `goconc test`: runs `go test -race -json` with goroutine-leak, deadlock and
// hang checks added through -overlay (the user's files stay as they are),
// places every report on workspace lines, and marks the static findings the
// run confirms.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Finding } from '../engine/finding';
import { format, type Locale } from '../l10n/locale';
import { toJsonFindings } from '../output/formatJson';
import { toSarif } from '../output/formatSarif';
import { toText } from '../output/formatText';
import { confirmFindings, type Confirmation } from '../race/confirmFindings';
import { defaultRuntimeChecks, runGoTestRace, type RuntimeChecks } from '../race/goTestRunner';
import { placeReports } from '../race/raceFindings';
import { raceMessages as rm } from '../race/raceMessages';
import { raceRuleMetas, toOutputFindings } from '../race/raceOutput';
import { layoutFor } from '../race/resolveFrames';
import { summarizeRun } from '../race/runSummary';
import { testMessages as tm } from '../race/testMessages';
import { allRuleMetas } from '../rules/registry';
import type { CliIO } from './checkCommand';
import { cliMessages as m } from './cliMessages';
import { moduleRoot } from './moduleRoot';
import { staticFindingsNear } from './staticFindingsNear';
import { UsageError } from './usageError';

const formats = ['text', 'json', 'sarif'] as const;
const durationRe = /^(?:0|\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

function fileLines(): (path: string, line: number) => string | undefined {
  const files = new Map<string, string[] | undefined>();
  return (path, line) => {
    if (!files.has(path)) {
      try {
        files.set(path, readFileSync(path, 'utf8').split('\n'));
      } catch {
        files.set(path, undefined);
      }
    }
    return files.get(path)?.[line];
  };
}

/** The static finding with "(confirmed at run time by …)" on its message. */
export function markConfirmed(c: Confirmation, locale: Locale): Finding[] {
  return c.confirmed.map(({ finding, by }) => ({ ...finding, message: finding.message + format(rm.confirmed, locale, { rule: by.join(', ') }) }));
}

function checksFrom(values: { 'no-leaks'?: boolean; 'deadlock-after'?: string; 'test-deadline'?: string }, locale: Locale): RuntimeChecks {
  const checks: RuntimeChecks = { ...defaultRuntimeChecks, leaks: !values['no-leaks'] };
  for (const [flag, key] of [['deadlock-after', 'deadlockAfter'], ['test-deadline', 'testDeadline']] as const) {
    const v = values[flag];
    if (v === undefined) continue;
    if (!durationRe.test(v)) throw new UsageError(format(tm.badDuration, locale, { flag, value: v }));
    checks[key] = v;
  }
  return checks;
}

export async function testCommand(argv: string[], io: CliIO): Promise<number> {
  const dash = argv.indexOf('--');
  const { values, positionals } = parseArgs({
    args: dash >= 0 ? argv.slice(0, dash) : argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'no-leaks': { type: 'boolean', default: false },
      'no-confirm': { type: 'boolean', default: false },
      'deadlock-after': { type: 'string' },
      'test-deadline': { type: 'string' },
    },
  });
  const fmt = values.format!;
  if (!(formats as readonly string[]).includes(fmt)) throw new UsageError(format(m.badFormat, io.locale, { allowed: formats.join('|'), value: fmt }));
  const checks = checksFrom(values, io.locale);
  const root = moduleRoot(io.cwd);
  const layout = layoutFor(root && root !== io.cwd ? [io.cwd, root] : [io.cwd]);

  const abort = new AbortController();
  // Ctrl-C stops go and every test binary it started (they run in their own process group).
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const result = await runGoTestRace({
    cwd: io.cwd,
    packages: positionals.length > 0 ? positionals : ['./...'],
    extraArgs: dash >= 0 ? argv.slice(dash + 1) : [],
    checks,
    signal: abort.signal,
    onNote: io.err,
    onPackage: (p, done, total) => {
      io.err(format(rm.packageDone, io.locale, { done, total: total ?? '?', pkg: p.package, status: p.status }));
      // One clear line per package that does not build; go test goes on with the others.
      if (p.status === 'build-failed') io.err(format(tm.buildFailedPackage, io.locale, { pkg: p.package, first: p.buildError ?? '' }));
    },
  }).finally(() => process.removeListener('SIGINT', onSigint));

  const placed = placeReports(result.reports, layout);
  // The shared summary speaks of races only when all is well; goconc test checked more than that.
  const summary =
    result.outcome === 'clean'
      ? [format(tm.clean, io.locale, { packages: result.packages.filter((p) => p.status === 'pass').length })]
      : summarizeRun(result, placed, io.locale);
  if (result.outcome === 'go-missing' || result.outcome === 'needs-cgo') {
    io.err(`goconc: ${summary.join(' ')}`);
    return 2;
  }
  for (const s of result.overlay?.skipped ?? []) summary.push(format(tm.testMainNotWrapped, io.locale, { pkg: s.importPath, file: s.file ?? '', param: s.param ?? 'm' }));
  const readLine = fileLines();
  const dynamic = toOutputFindings(placed.findings, io.locale, readLine, 'test');
  const metas = allRuleMetas();
  const itemOf = new Map(metas.map((x) => [x.id, x.checklistItem]));
  const callers = placed.findings.map((f) => (f.callers ?? []).map((c) => ({ file: c.path, line: c.line })));
  const confirmation = confirmFindings(values['no-confirm'] ? [] : await staticFindingsNear(dynamic, io.cwd, io.locale, io.err), dynamic, (r) => itemOf.get(r), callers);
  const confirmed = markConfirmed(confirmation, io.locale);
  if (dynamic.length > 0 && !values['no-confirm']) summary.push(format(tm.confirmation, io.locale, { confirmed: confirmed.length, gaps: confirmation.gaps.length }));

  if (fmt === 'json') {
    const json = toJsonFindings(dynamic);
    const confirms = confirmation.dynamic.map((d) => d.confirms);
    io.out(
      JSON.stringify(
        {
          version: json.version,
          findings: json.findings.map((f, i) => ({ ...f, confirms: confirms[i] ?? [], gap: confirmation.gaps.includes(dynamic[i]!) })),
          confirmed: toJsonFindings(confirmed).findings.map((f, i) => ({ ...f, confirmedBy: confirmation.confirmed[i]!.by })),
          summary,
        },
        null,
        2,
      ),
    );
  } else if (fmt === 'sarif') {
    const used = new Set(confirmed.map((f) => f.rule));
    const log = toSarif([...dynamic, ...confirmed], [...raceRuleMetas('test'), ...metas.filter((x) => used.has(x.id))], io.cwd, io.locale);
    const results = log.runs[0]?.results ?? [];
    confirmation.dynamic.forEach((d, i) => {
      const r = results[i];
      if (r) r.properties = { confirms: d.confirms, gap: d.confirms.length === 0, source: 'goconc test' };
    });
    confirmation.confirmed.forEach((c, i) => {
      const r = results[dynamic.length + i];
      if (r) r.properties = { confirmedAtRunTime: true, confirmedBy: c.by, source: 'goconc check' };
    });
    io.out(JSON.stringify(log, null, 2));
  } else {
    if (dynamic.length > 0) io.out(toText(dynamic, io.cwd));
    if (confirmed.length > 0) io.out(toText(confirmed, io.cwd));
  }
  summary.forEach((s) => io.err(s));
  return result.outcome === 'clean' ? 0 : 1;
}
