// The whole analysis of folders, files or package patterns, as `goconc
// check` runs it: this server's rules over the Go files, and the Go engine's
// over the modules they belong to. Shared by the CLI and the tests, so both
// see what a user sees.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeWorkspace } from '../engine/analyzeWorkspace';
import type { Finding } from '../engine/finding';
import type { RuleSettings } from '../engine/settings';
import type { Locale } from '../l10n/locale';
import { ensureEngineBinary } from './engineBinary';
import { runEngine } from './engineCheck';
import { engineFindings } from './engineFindings';
import { planModuleRuns } from './modules';

export interface FullAnalysis {
  files: string[];
  findings: Finding[];
  /** Files this server could not read or parse. */
  skipped: { path: string; error: string }[];
  /** Packages the engine could not load (type errors, missing modules…), one line each. */
  notAnalysed: { pkg: string; error: string }[];
  /** Why the engine's rules did not run on some modules (or at all). */
  engineErrors: { dir?: string; error: string }[];
}

export class BadPathError extends Error {}

/** A path the user named (existing, or absolute/./-relative) versus a Go package pattern. */
export function looksLikePath(arg: string): boolean {
  return !arg.includes('...') && (arg.startsWith('/') || arg.startsWith('./') || arg.startsWith('../') || arg.endsWith('.go') || arg === '.' || arg === '..');
}

export async function analyzeWithEngine(
  args: string[],
  opts: { cwd: string; settings?: RuleSettings; locale?: Locale; onBuild?: (msg: string) => void; onProgress?: (msg: string) => void },
): Promise<FullAnalysis> {
  const settings = opts.settings ?? {};
  for (const a of args) {
    if (!existsSync(resolve(opts.cwd, a)) && looksLikePath(a)) throw new BadPathError(`no such file or directory: ${a}`);
  }
  // Folders and files go to both analysers; package patterns (./..., net/http) only to the engine.
  const paths = args.flatMap((a) => {
    if (existsSync(resolve(opts.cwd, a))) return [resolve(opts.cwd, a)];
    if (a.startsWith('.') && a.endsWith('/...') && existsSync(resolve(opts.cwd, a.slice(0, -4)))) return [resolve(opts.cwd, a.slice(0, -4))];
    return [];
  });
  const ts = paths.length > 0 ? await analyzeWorkspace(paths, { settings, locale: opts.locale }) : undefined;
  const out: FullAnalysis = {
    files: ts?.files ?? [],
    findings: [...(ts?.findings ?? [])],
    skipped: ts?.failures ?? [],
    notAnalysed: [],
    engineErrors: [],
  };
  const engine = await engineFindingsFor(args, { ...opts, settings });
  out.findings.push(...engine.findings);
  out.notAnalysed = engine.notAnalysed;
  out.engineErrors = engine.engineErrors;
  out.findings.sort((a, b) => a.file.localeCompare(b.file) || a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
  return out;
}

export type EngineAnalysis = Pick<FullAnalysis, 'findings' | 'notAnalysed' | 'engineErrors'>;

/** The Go engine's findings alone, for the modules the arguments name (the checklist adds them to its own). */
export async function engineFindingsFor(
  args: string[],
  opts: { cwd: string; settings?: RuleSettings; locale?: Locale; onBuild?: (msg: string) => void; onProgress?: (msg: string) => void },
): Promise<EngineAnalysis> {
  const out: EngineAnalysis = { findings: [], notAnalysed: [], engineErrors: [] };
  const runs = planModuleRuns(args, opts.cwd);
  if (runs.length === 0) return out;
  try {
    const engine = ensureEngineBinary({ goBin: process.env.GOCONC_GO, onBuild: opts.onBuild });
    const { report, failures } = await runEngine(engine, runs, {
      lang: opts.locale,
      onModule: (run, i) => opts.onProgress?.(`Go engine ${i + 1}/${runs.length}: ${run.patterns.join(' ')} in ${run.dir}`),
    });
    out.notAnalysed = report.errors.map((e) => ({ pkg: e.package, error: e.message }));
    out.engineErrors = failures.map((f) => ({ dir: f.dir, error: f.error }));
    out.findings.push(...engineFindings(report, opts.settings ?? {}));
  } catch (e) {
    out.engineErrors.push({ error: (e as Error).message });
  }
  return out;
}
