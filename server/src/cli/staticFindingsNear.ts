// The static findings `goconc test` compares its run-time findings with: the
// whole analysis `goconc check` runs (this server's rules and the Go engine's
// lock rules), over the folders of the files the run-time findings point at
// and kept for those files only, so a run without findings costs nothing
// extra and one with findings analyses little.
import { dirname } from 'node:path';
import type { Finding } from '../engine/finding';
import { analyzeWithEngine } from '../goEngine/analyzeWithEngine';
import { format, type Locale } from '../l10n/locale';
import { testMessages as tm } from '../race/testMessages';

export async function staticFindingsNear(dynamic: readonly Finding[], cwd: string, locale: Locale, err: (line: string) => void): Promise<Finding[]> {
  const files = new Set(dynamic.flatMap((f) => [f.file, ...f.related.map((r) => r.file)]));
  if (files.size === 0) return [];
  const dirs = [...new Set([...files].map((f) => dirname(f)))];
  const analysis = await analyzeWithEngine(dirs, { cwd, locale, onBuild: (msg) => err(`goconc: ${msg}`) });
  // Confirmation is a bonus on top of the run: say what is missing, keep the run's result.
  for (const e of analysis.engineErrors) err(format(tm.noEngine, locale, { error: e.error.split('\n')[0] ?? '' }));
  return analysis.findings.filter((f) => files.has(f.file));
}
