// The static findings `goconc test` compares its run-time findings with: both
// analysers (the TypeScript rules and the Go engine's lock rules) over the
// files the run-time findings point at, and only those, so a run without
// findings costs nothing extra and one with findings analyses little.
import { dirname } from 'node:path';
import { analyzeWorkspace } from '../engine/analyzeWorkspace';
import type { Finding } from '../engine/finding';
import { ensureEngineBinary } from '../goEngine/engineBinary';
import { runEngine } from '../goEngine/engineCheck';
import { engineFindings } from '../goEngine/engineFindings';
import { planModuleRuns } from '../goEngine/modules';
import { format, type Locale } from '../l10n/locale';
import { testMessages as tm } from '../race/testMessages';

export async function staticFindingsNear(dynamic: readonly Finding[], cwd: string, locale: Locale, err: (line: string) => void): Promise<Finding[]> {
  const files = [...new Set(dynamic.flatMap((f) => [f.file, ...f.related.map((r) => r.file)]))];
  if (files.length === 0) return [];
  const wanted = new Set(files);
  const dirs = [...new Set(files.map((f) => dirname(f)))];
  const ts = await analyzeWorkspace(dirs, { locale });
  const out = ts.findings.filter((f) => wanted.has(f.file));
  try {
    const engine = ensureEngineBinary({ goBin: process.env.GOCONC_GO, onBuild: (msg) => err(`goconc: ${msg}`) });
    const { report } = await runEngine(engine, planModuleRuns(files, cwd));
    out.push(...engineFindings(report, {}).filter((f) => wanted.has(f.file)));
  } catch (e) {
    // Confirmation is a bonus on top of the run: say what is missing, keep the run's result.
    err(format(tm.noEngine, locale, { error: (e as Error).message.split('\n')[0] ?? '' }));
  }
  return out;
}
