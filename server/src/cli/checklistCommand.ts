// `goconc checklist`: the seed's checklist evaluated headless; Markdown for a
// PR comment. Exit 1 when an item fails.
import { readFileSync, statSync } from 'node:fs';
import type { Finding } from '../engine/finding';
import { readJsonFindings } from '../output/readJsonFindings';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checklistForFolder } from '../checklist/evaluateWorkspace';
import { manualStatePath } from '../checklist/manualState';
import { format } from '../l10n/locale';
import { checklistToJson, checklistToMarkdown, checklistToText } from '../output/formatChecklist';
import type { CliIO } from './checkCommand';
import { cliMessages as m } from './cliMessages';
import { UsageError } from './usageError';

const formats = ['text', 'json', 'markdown'] as const;

export async function checklistCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, 'test-results': { type: 'string' } },
  });
  const fmt = values.format!;
  if (!(formats as readonly string[]).includes(fmt)) throw new UsageError(format(m.badFormat, io.locale, { allowed: formats.join('|'), value: fmt }));
  if (positionals.length > 1) throw new UsageError(format(m.checklistOnePath, io.locale, { count: positionals.length }));
  const root = resolve(io.cwd, positionals[0] ?? '.');
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(format(m.notAFolder, io.locale, { path: positionals[0] ?? '.' }));

  // A saved `goconc test --format json` run: its findings feed the items and confirm (or show the gaps of) the static ones.
  let run: { runFindings: Finding[]; raceRun: { finishedAt: string } } | undefined;
  if (values['test-results']) {
    const file = resolve(io.cwd, values['test-results']);
    try {
      run = { runFindings: readJsonFindings(readFileSync(file, 'utf8')), raceRun: { finishedAt: statSync(file).mtime.toISOString() } };
    } catch (err) {
      throw new UsageError(`--test-results ${values['test-results']}: ${(err as Error).message}`);
    }
  }
  const { report, manualProblems, failures, engineErrors } = await checklistForFolder(root, { locale: io.locale, ...(run ?? {}) });
  for (const p of manualProblems) io.err(`goconc: ${manualStatePath(root)}: ${p}`);
  for (const f of failures) io.err(format(m.skipped, io.locale, { path: f.path, error: f.error }));
  for (const e of engineErrors) io.err(format(m.engineUnavailable, io.locale, { error: e }));
  if (fmt === 'json') io.out(JSON.stringify(checklistToJson(report), null, 2));
  else if (fmt === 'markdown') io.out(checklistToMarkdown(report, io.locale));
  else io.out(checklistToText(report, io.cwd, io.locale));
  return report.failed ? 1 : 0;
}
