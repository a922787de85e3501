// `goconc check`: the analyser headless, for CI.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeWorkspace } from '../engine/analyzeWorkspace';
import type { Finding } from '../engine/finding';
import { ensureEngineBinary } from '../goEngine/engineBinary';
import { runEngine } from '../goEngine/engineCheck';
import { engineFindings } from '../goEngine/engineFindings';
import { planModuleRuns } from '../goEngine/modules';
import { isSeveritySetting, severityRank, type RuleSettings } from '../engine/settings';
import { format, type Locale } from '../l10n/locale';
import { toJsonFindings } from '../output/formatJson';
import { toSarif } from '../output/formatSarif';
import { toText } from '../output/formatText';
import { allRuleMetas } from '../rules/registry';
import type { Severity } from '../rules/types';
import { cliMessages as m } from './cliMessages';
import { UsageError } from './usageError';

export interface CliIO {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  locale: Locale;
}

const formats = ['text', 'json', 'sarif'] as const;

export async function checkCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'fail-on': { type: 'string', default: 'warning' },
      rule: { type: 'string', multiple: true, default: [] },
    },
  });
  const fmt = values.format!;
  if (!(formats as readonly string[]).includes(fmt)) {
    throw new UsageError(format(m.badFormat, io.locale, { allowed: formats.join('|'), value: fmt }));
  }
  const failOn = values['fail-on']!;
  if (failOn !== 'warning' && failOn !== 'error') throw new UsageError(format(m.badFailOn, io.locale, { value: failOn }));
  const settings: RuleSettings = {};
  const known = new Set(allRuleMetas().map((r) => r.id));
  for (const r of values.rule!) {
    const [id, sev] = r.split('=');
    if (!id || !isSeveritySetting(sev)) throw new UsageError(format(m.badRule, io.locale, { value: r }));
    if (!known.has(id)) throw new UsageError(format(m.unknownRule, io.locale, { id }));
    settings[id] = sev;
  }
  const args = positionals.length > 0 ? positionals : ['.'];
  // Folders and files go to both analysers; Go package patterns (./..., net/http) only to the engine.
  const paths = args.flatMap((a) => {
    if (existsSync(resolve(io.cwd, a))) return [resolve(io.cwd, a)];
    if (a.startsWith('.') && a.endsWith('/...') && existsSync(resolve(io.cwd, a.slice(0, -4)))) return [resolve(io.cwd, a.slice(0, -4))];
    return [];
  });
  let result;
  try {
    result = paths.length > 0 ? await analyzeWorkspace(paths, { settings, locale: io.locale }) : undefined;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const runs = planModuleRuns(args, io.cwd);
  if ((result?.files.length ?? 0) === 0 && runs.length === 0) throw new UsageError(format(m.noGoFiles, io.locale, { paths: args.join(', ') }));
  for (const f of result?.failures ?? []) io.err(format(m.skipped, io.locale, { path: f.path, error: f.error }));

  // The Go engine's rules (types, SSA, facts), module by module.
  let engineFailed = false;
  const goFindings: Finding[] = [];
  if (runs.length > 0) {
    try {
      const engine = ensureEngineBinary({ goBin: process.env.GOCONC_GO, onBuild: (msg) => io.err(`goconc: ${msg}`) });
      const { report, failures } = await runEngine(engine, runs);
      for (const e of report.errors) io.err(format(m.packageNotAnalysed, io.locale, { pkg: e.package, error: e.message }));
      for (const f of failures) {
        engineFailed = true;
        io.err(format(m.engineFailed, io.locale, { dir: f.dir, error: f.error }));
      }
      goFindings.push(...engineFindings(report, settings));
    } catch (err) {
      engineFailed = true;
      io.err(format(m.engineUnavailable, io.locale, { error: (err as Error).message }));
    }
  }
  const findings = [...(result?.findings ?? []), ...goFindings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn,
  );
  result = { files: result?.files ?? [], findings };

  if (fmt === 'json') io.out(JSON.stringify(toJsonFindings(result.findings), null, 2));
  else if (fmt === 'sarif') io.out(JSON.stringify(toSarif(result.findings, allRuleMetas(), io.cwd, io.locale), null, 2));
  else {
    if (result.findings.length > 0) io.out(toText(result.findings, io.cwd));
    io.err(format(m.summary, io.locale, { count: result.findings.length, files: result.files.length }));
  }
  const threshold = severityRank[failOn as Severity];
  if (result.findings.some((f) => severityRank[f.severity] >= threshold)) return 1;
  // Not a clean bill of health when the engine's rules could not run.
  return engineFailed ? 2 : 0;
}
