// `goconc check`: the analyser headless, for CI.
import { parseArgs } from 'node:util';
import { analyzeWithEngine, looksLikePath } from '../goEngine/analyzeWithEngine';
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
  let result;
  try {
    result = await analyzeWithEngine(args, {
      cwd: io.cwd,
      settings,
      locale: io.locale,
      onBuild: (msg) => io.err(`goconc: ${msg}`),
      // Progress for people watching a terminal; CI logs keep only what matters.
      onProgress: process.stderr.isTTY ? (msg) => io.err(`goconc: ${msg}`) : undefined,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // First, so a folder whose only Go file was skipped says why before "no Go files found".
  for (const f of result.skipped) io.err(format(m.skipped, io.locale, { path: f.path, error: f.error }));
  if (result.files.length === 0 && result.findings.length === 0 && !args.some((a) => !looksLikePath(a))) {
    const anyModule = planModuleRuns(args, io.cwd).length > 0;
    if (!anyModule) throw new UsageError(format(m.noGoFiles, io.locale, { paths: args.join(', ') }));
  }
  for (const e of result.notAnalysed) io.err(format(m.packageNotAnalysed, io.locale, { pkg: e.pkg, error: e.error }));
  for (const e of result.engineErrors) {
    io.err(e.dir ? format(m.engineFailed, io.locale, { dir: e.dir, error: e.error }) : format(m.engineUnavailable, io.locale, { error: e.error }));
  }
  const engineFailed = result.engineErrors.length > 0;

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
