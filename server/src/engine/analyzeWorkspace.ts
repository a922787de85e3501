// Headless analysis of whole folders (CLI, checklist, benchmarks): index
// every Go file in worker threads, then run the rules file by file.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildIndexFromFiles } from '../index/buildIndex';
import { findGoFiles } from '../index/findGoFiles';
import { sizeProblem } from '../index/goSource';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { Locale } from '../l10n/locale';
import { createGoParser, parseGo } from '../parse/goParser';
import { analyzeFileSteps } from './analyzeFile';
import type { Finding } from './finding';
import type { RuleSettings } from './settings';

export interface WorkspaceAnalysis {
  files: string[];
  findings: Finding[];
  failures: { path: string; error: string }[];
  index: WorkspaceIndex;
}

/** The longest the rules may take on one file. */
const perFileMs = 5000;

export interface WorkspaceOptions {
  settings?: RuleSettings;
  locale?: Locale;
  onProgress?: (phase: 'index' | 'analyze', done: number, total: number) => void;
}

/** Expands paths (files or folders) into Go files; throws with the path when one does not exist. */
/** The Go files under folders and the files named; `onSkip` hears of those the size cap or an unreadable folder leaves out. */
export function collectGoFiles(paths: string[], onSkip?: (path: string, reason: string) => void): string[] {
  const files = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new Error(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) findGoFiles(abs, { onSkip }).forEach((f) => files.add(f));
    else if (abs.endsWith('.go')) {
      // A file named on the command line obeys the same cap as one found in a folder.
      const tooLarge = sizeProblem(st.size);
      if (tooLarge) onSkip?.(abs, tooLarge);
      else files.add(abs);
    }
    else throw new Error(`not a Go file or folder: ${p}`);
  }
  return [...files].sort();
}

export async function analyzeWorkspace(paths: string[], options: WorkspaceOptions = {}): Promise<WorkspaceAnalysis> {
  const skipped: { path: string; error: string }[] = [];
  const files = collectGoFiles(paths, (path, error) => skipped.push({ path, error }));
  const index = new WorkspaceIndex();
  const built = await buildIndexFromFiles(files, index, (p) => options.onProgress?.('index', p.done, p.total));
  const parser = await createGoParser();
  const findings: Finding[] = [];
  const failures = [...skipped, ...built.failures];
  files.forEach((path, i) => {
    const summary = index.file(path);
    if (!summary) return;
    try {
      const text = readFileSync(path, 'utf8');
      const tree = parseGo(parser, text);
      const steps = analyzeFileSteps({ path, text, tree, summary, index, settings: options.settings, locale: options.locale });
      // One pathological file must not stall the rest: its rules stop at the per-file budget (checked between rules).
      const deadline = performance.now() + perFileMs;
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) {
          findings.push(...r.value);
          break;
        }
        if (performance.now() > deadline) {
          steps.return([]);
          failures.push({ path, error: `analysis stopped after ${perFileMs / 1000} s (file too complex)` });
          break;
        }
      }
      tree.delete();
    } catch (err) {
      failures.push({ path, error: (err as Error).message });
    }
    options.onProgress?.('analyze', i + 1, files.length);
  });
  return { files: files.filter((f) => index.file(f)), findings, failures, index };
}
