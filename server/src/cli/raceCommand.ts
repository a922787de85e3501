// `goconc race`: runs `go test -race -json` (or parses pasted output with
// --parse) and prints the reports placed on workspace lines.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { format } from '../l10n/locale';
import { toJsonFindings } from '../output/formatJson';
import { toText } from '../output/formatText';
import { runGoTestRace } from '../race/goTestRunner';
import { parseRuntimeOutput } from '../race/parseOutput';
import { TestEventCollector } from '../race/testEvents';
import type { RuntimeReport } from '../race/types';
import { placeReports, type PlacedReports } from '../race/raceFindings';
import { raceMessages as rm } from '../race/raceMessages';
import { raceSarif, toOutputFindings } from '../race/raceOutput';
import { layoutFor } from '../race/resolveFrames';
import { summarizeRun } from '../race/runSummary';
import type { CliIO } from './checkCommand';
import { cliMessages as m } from './cliMessages';
import { moduleRoot } from './moduleRoot';
import { UsageError } from './usageError';

const formats = ['text', 'json', 'sarif'] as const;

/** Plain program output, or a saved `go test -json` stream (test2json events, one per line). */
function reportsFromText(text: string): RuntimeReport[] {
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  if (!/^\s*\{"/.test(firstLine)) return parseRuntimeOutput(text);
  const events = new TestEventCollector();
  for (const line of text.split('\n')) events.push(line);
  events.flush();
  // Lines that were not events (go's own stderr mixed in) may hold reports too.
  return [...events.allReports(), ...parseRuntimeOutput(events.strayLines.join('\n'))];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function raceCommand(argv: string[], io: CliIO): Promise<number> {
  const dash = argv.indexOf('--');
  const args = dash >= 0 ? argv.slice(0, dash) : argv;
  const extra = dash >= 0 ? argv.slice(dash + 1) : [];
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, parse: { type: 'boolean', default: false }, input: { type: 'string' } },
  });
  const fmt = values.format!;
  if (!(formats as readonly string[]).includes(fmt)) throw new UsageError(format(m.badFormat, io.locale, { allowed: formats.join('|'), value: fmt }));
  const root = moduleRoot(io.cwd);
  const layout = layoutFor(root && root !== io.cwd ? [io.cwd, root] : [io.cwd]);

  let placed: PlacedReports;
  let summary: string[];
  let failed: boolean;
  if (values.parse) {
    let text: string;
    try {
      text = values.input ? readFileSync(values.input, 'utf8') : await readStdin();
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const reports = reportsFromText(text);
    placed = placeReports(reports, layout);
    summary = [format(rm.found, io.locale, { reports: reports.length, findings: placed.findings.length, packages: 0 }).replace(/, in 0 package\(s\)| \(패키지 0개\)/, '')];
    if (placed.unplaced.length > 0) summary.push(format(rm.unplaced, io.locale, { count: placed.unplaced.length, headlines: placed.unplaced.map((u) => u.headline).join('; ') }));
    failed = reports.length > 0;
  } else {
    const result = await runGoTestRace({
      cwd: io.cwd,
      packages: positionals.length > 0 ? positionals : ['./...'],
      extraArgs: extra,
      onPackage: fmt === 'text' ? (p, done, total) => io.err(format(rm.packageDone, io.locale, { done, total: total ?? '?', pkg: p.package, status: p.status })) : undefined,
    });
    placed = placeReports(result.reports, layout);
    summary = summarizeRun(result, placed, io.locale);
    if (result.outcome === 'go-missing' || result.outcome === 'needs-cgo') {
      io.err(`goconc: ${summary.join(' ')}`);
      return 2;
    }
    if (result.buildOutput.length > 0 && fmt === 'text') result.buildOutput.forEach((l) => io.err(l));
    failed = result.outcome !== 'clean';
  }
  const files = new Map<string, string[] | undefined>();
  const readLine = (path: string, line: number) => {
    if (!files.has(path)) {
      try {
        files.set(path, readFileSync(path, 'utf8').split('\n'));
      } catch {
        files.set(path, undefined);
      }
    }
    return files.get(path)?.[line];
  };
  const findings = toOutputFindings(placed.findings, io.locale, readLine);
  if (fmt === 'json') io.out(JSON.stringify({ ...toJsonFindings(findings), summary }, null, 2));
  else if (fmt === 'sarif') io.out(JSON.stringify(raceSarif(placed.findings, io.cwd, io.locale, readLine), null, 2));
  else if (findings.length > 0) io.out(toText(findings, io.cwd));
  summary.forEach((s) => io.err(s));
  return failed ? 1 : 0;
}
