// When the language server asks the engine, and what it does with the
// answer. A package is re-checked after a pause in typing (the go command's
// cache answers for everything unchanged), its whole module after a save or
// a change on disk; unsaved buffers travel as overlays; a newer check of the
// same package cancels the older one. Results replace the findings of every
// file of the checked packages, and the caller republishes those files.
import { dirname, relative, sep } from 'node:path';
import { EngineCancelled, type EngineProcess } from './engineProcess';
import { moduleRootOf, modulesUnder } from './modules';
import type { Locale } from '../l10n/locale';
import type { EngineFinding, EngineReport } from './protocol';

export interface SchedulerHooks {
  engine: () => EngineProcess | undefined;
  /** The language of the UI: the engine's messages come in it. */
  locale: () => Locale;
  /** Unsaved buffers under a module root: path → text. */
  overlay: (moduleRoot: string) => Record<string, string>;
  /** The Go files currently known in a folder (not recursive) or under it (recursive). */
  filesIn: (dir: string, recursive: boolean) => string[];
  /** New engine findings for these files were stored. */
  changed: (files: string[]) => void;
  log: (msg: string) => void;
}

export class EngineScheduler {
  /** file → the engine's findings in it, raw (settings are applied when publishing). */
  readonly findings = new Map<string, EngineFinding[]>();
  /** Checks are numbered as they start; per file, the number of the check whose results it holds. A check
   * that started before the one already stored for a file (a slow module check overtaken by a package check
   * of a newer buffer) must not put its older view of that file back. */
  private checksStarted = 0;
  private readonly storedBy = new Map<string, number>();
  /** Load errors by package directory, for the output channel. */
  readonly loadErrors = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly hooks: SchedulerHooks,
    private readonly pauseMs = 300,
  ) {}

  /** A buffer changed: re-check its package after a pause. Called on every keystroke, so the module
   *  root (a walk up the folders on disk) is looked up when the pause is over. */
  edited(file: string): void {
    const dir = dirname(file);
    this.debounce(`pkg:${dir}`, async () => {
      const root = moduleRootOf(dir);
      if (root) await this.check(root, [patternOf(root, dir, false)], dir, false);
    });
  }

  /** Saved or changed on disk: re-check the whole module (dependants may change too). */
  saved(file: string): void {
    const root = moduleRootOf(file);
    if (root) this.debounce(`mod:${root}`, () => this.check(root, ['./...'], root, true));
  }

  /** Every module in or around the workspace folders, at start. */
  async checkFolders(folders: string[]): Promise<void> {
    const runs = new Map<string, { root: string; pattern: string; scope: string }>();
    for (const folder of folders) {
      const around = moduleRootOf(folder);
      if (around) runs.set(folder, { root: around, pattern: patternOf(around, folder, true), scope: folder });
      for (const m of modulesUnder(folder)) if (m !== around) runs.set(m, { root: m, pattern: './...', scope: m });
    }
    for (const r of runs.values()) await this.check(r.root, [r.pattern], r.scope, true);
  }

  /** Resolves when no check is running or waiting. */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private debounce(key: string, run: () => Promise<void>): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void run();
      }, this.pauseMs),
    );
  }

  private async check(root: string, patterns: string[], scope: string, recursive: boolean): Promise<void> {
    const engine = this.hooks.engine();
    if (!engine) return;
    this.inFlight++;
    const started = Date.now();
    const seq = ++this.checksStarted;
    try {
      const report = await engine.check({ key: `${scope}|${recursive}`, dir: root, patterns, overlay: this.hooks.overlay(root), lang: this.hooks.locale() });
      this.hooks.log(`engine: ${patterns.join(' ')} in ${root}: ${report.findings.length} finding(s), ${report.errors.length} package(s) not analysed, ${Date.now() - started} ms${report.replayed ? ' (replayed go vet\'s plan)' : ''}`);
      this.store(report, scope, recursive, seq);
    } catch (e) {
      if (!(e instanceof EngineCancelled)) this.hooks.log(`engine check of ${patterns.join(' ')} in ${root} failed: ${(e as Error).message}`);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0 && this.timers.size === 0) this.idleWaiters.splice(0).forEach((w) => w());
    }
  }

  private store(report: EngineReport, scope: string, recursive: boolean, seq: number): void {
    const touched = new Set<string>();
    const newer = (f: string) => (this.storedBy.get(f) ?? 0) > seq;
    const inScope = (f: string) => (recursive ? f === scope || f.startsWith(scope + sep) : dirname(f) === scope) && !newer(f);
    for (const f of this.hooks.filesIn(scope, recursive)) if (!newer(f)) this.storedBy.set(f, seq);
    // A package that did not type-check (half-typed code) reports nothing: keep what it reported
    // last until it builds again, rather than making its findings flicker away.
    const fresh = new Set(report.findings.map((f) => f.file));
    const keepStale = report.errors.length > 0;
    for (const f of this.findings.keys()) {
      if (inScope(f) && !(keepStale && !fresh.has(f))) {
        this.findings.delete(f);
        touched.add(f);
      }
    }
    for (const f of report.findings) {
      if (!inScope(f.file)) continue;
      const list = this.findings.get(f.file) ?? [];
      list.push(f);
      this.findings.set(f.file, list);
      touched.add(f.file);
    }
    for (const e of report.errors) {
      this.loadErrors.set(e.package, e.message);
      this.hooks.log(`engine: not analysed: ${e.package}: ${e.message}`);
    }
    for (const f of this.hooks.filesIn(scope, recursive)) touched.add(f);
    this.hooks.changed([...touched]);
  }
}

function patternOf(root: string, dir: string, recursive: boolean): string {
  const rel = relative(root, dir).split(sep).join('/');
  const base = rel === '' ? '.' : `./${rel}`;
  return recursive ? `${base}/...` : base;
}
