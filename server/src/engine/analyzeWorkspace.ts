// Headless analysis of whole folders (CLI, checklist, benchmarks): index
// every Go file in worker threads, then run the rules file by file.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildIndexFromFiles } from '../index/buildIndex';
import { findGoFiles } from '../index/findGoFiles';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { Locale } from '../l10n/locale';
import { createGoParser, parseGo } from '../parse/goParser';
import { analyzeFile } from './analyzeFile';
import type { Finding } from './finding';
import type { RuleSettings } from './settings';

export interface WorkspaceAnalysis {
  files: string[];
  findings: Finding[];
  failures: { path: string; error: string }[];
  index: WorkspaceIndex;
}

export interface WorkspaceOptions {
  settings?: RuleSettings;
  locale?: Locale;
  onProgress?: (phase: 'index' | 'analyze', done: number, total: number) => void;
}

/** Expands paths (files or folders) into Go files; throws with the path when one does not exist. */
export function collectGoFiles(paths: string[]): string[] {
  const files = new Set<string>();
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new Error(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) findGoFiles(abs).forEach((f) => files.add(f));
    else if (abs.endsWith('.go')) files.add(abs);
    else throw new Error(`not a Go file or folder: ${p}`);
  }
  return [...files].sort();
}

export async function analyzeWorkspace(paths: string[], options: WorkspaceOptions = {}): Promise<WorkspaceAnalysis> {
  const files = collectGoFiles(paths);
  const index = new WorkspaceIndex();
  const built = await buildIndexFromFiles(files, index, (p) => options.onProgress?.('index', p.done, p.total));
  const parser = await createGoParser();
  const findings: Finding[] = [];
  const failures = [...built.failures];
  files.forEach((path, i) => {
    const summary = index.file(path);
    if (!summary) return;
    try {
      const text = readFileSync(path, 'utf8');
      const tree = parseGo(parser, text);
      findings.push(...analyzeFile({ path, text, tree, summary, index, settings: options.settings, locale: options.locale }));
      tree.delete();
    } catch (err) {
      failures.push({ path, error: (err as Error).message });
    }
    options.onProgress?.('analyze', i + 1, files.length);
  });
  return { files, findings, failures, index };
}
