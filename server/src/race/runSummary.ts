// One clear sentence per run outcome: a run never ends in silence.
import { format, type Locale } from '../l10n/locale';
import { needsCgoRe, type RaceRunResult } from './goTestRunner';
import type { PlacedReports } from './raceFindings';
import { raceMessages as m } from './raceMessages';

export function summarizeRun(r: RaceRunResult, placed: PlacedReports, locale: Locale): string[] {
  const lines: string[] = [];
  const firstOf = (ls: string[]) => ls.find((l) => l.trim() && !l.startsWith('#'))?.trim() ?? ls[0]?.trim() ?? '';
  switch (r.outcome) {
    case 'go-missing':
      return [format(m.missingGo, locale, { go: r.command.go, error: r.spawnError ?? '' })];
    case 'needs-cgo':
      return [format(m.needsCgo, locale, { line: [...r.stderr, ...r.buildOutput].find((l) => needsCgoRe.test(l))?.trim() ?? '' })];
    case 'cancelled':
      return [format(m.cancelled, locale, { done: r.packages.length })];
    case 'go-failed':
      return [format(m.goFailed, locale, { first: firstOf(r.stderr) || `exit code ${r.exitCode}` })];
    case 'no-tests':
      return [format(m.noPackages, locale, { what: r.command.args.slice(-1)[0] ?? '' })];
    default:
      break;
  }
  if (r.reports.length > 0) {
    lines.push(format(m.found, locale, { reports: r.reports.length, findings: placed.findings.length, packages: r.packages.length }));
  }
  if (placed.unplaced.length > 0) {
    lines.push(format(m.unplaced, locale, { count: placed.unplaced.length, headlines: [...new Set(placed.unplaced.map((u) => u.headline))].join('; ') }));
  }
  const built = r.packages.filter((p) => p.status === 'build-failed');
  if (built.length > 0 || r.buildOutput.length > 0) {
    lines.push(format(m.buildFailed, locale, { count: Math.max(built.length, 1), first: firstOf(r.buildOutput.length ? r.buildOutput : r.stderr) }));
  }
  const reportedTests = new Set(r.reports.flatMap((x) => (x.test ? x.test.split(', ') : [])));
  const failedPlain = r.packages.flatMap((p) => p.failedTests.filter((t) => !reportedTests.has(t) && !reportedTests.has(t.split('/')[0]!)));
  if (failedPlain.length > 0) lines.push(format(m.testsFailed, locale, { count: failedPlain.length, tests: failedPlain.slice(0, 10).join(', ') }));
  if (lines.length === 0) lines.push(format(m.clean, locale, { packages: r.packages.filter((p) => p.status === 'pass').length }));
  return lines;
}
