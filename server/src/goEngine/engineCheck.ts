// One-shot engine runs for the CLI and the checklist: `goconc-engine check`
// per module, spawned with an argument array (no shell).
import { spawn } from 'node:child_process';
import type { Locale } from '../l10n/locale';
import type { ModuleRun } from './modules';
import { isEngineReport, type EngineLoadError, type EngineReport } from './protocol';

export interface EngineRunResult {
  report: EngineReport;
  /** Modules the engine could not run on at all, one line each. */
  failures: { dir: string; error: string }[];
}

function runOne(engine: string, run: ModuleRun, lang: Locale): Promise<EngineReport> {
  return new Promise((resolve, reject) => {
    // English is the engine's own language: no flag, so a GOCONC_ENGINE binary from before -lang still runs.
    const langArgs = lang === 'en' ? [] : ['-lang', lang];
    const child = spawn(engine, ['check', '-C', run.dir, ...langArgs, ...run.patterns], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => reject(new Error(`cannot start the Go engine ${engine}: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) {
        const msg = Buffer.concat(err).toString('utf8').trim().split('\n')[0] ?? '';
        reject(new Error(msg.replace(/^goconc-engine: /, '') || `the Go engine exited with ${code}`));
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(out).toString('utf8'));
      } catch (e) {
        reject(new Error(`the Go engine printed something that is not JSON: ${(e as Error).message}`));
        return;
      }
      if (!isEngineReport(parsed)) reject(new Error('the Go engine printed an unexpected report'));
      else resolve(parsed);
    });
  });
}

/** Runs the engine on each module in turn (the go command parallelises within one); messages in `lang`. */
export async function runEngine(
  engine: string,
  runs: ModuleRun[],
  opts: { lang?: Locale; onModule?: (run: ModuleRun, index: number) => void } = {},
): Promise<EngineRunResult> {
  const report: EngineReport = { version: 1, findings: [], errors: [] };
  const failures: EngineRunResult['failures'] = [];
  for (const [i, run] of runs.entries()) {
    opts.onModule?.(run, i);
    try {
      const r = await runOne(engine, run, opts.lang ?? 'en');
      report.findings.push(...r.findings.filter((f) => !run.files || run.files.has(f.file)));
      report.errors.push(...r.errors.map((e): EngineLoadError => ({ package: e.package || run.dir, message: e.message })));
    } catch (e) {
      failures.push({ dir: run.dir, error: (e as Error).message });
    }
  }
  return { report, failures };
}
