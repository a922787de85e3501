// The language server's state without the LSP: the workspace index, the open
// documents, and the latest findings per file. server.ts only wires events
// into it, so tests can drive it directly.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { analyzeFileSteps } from '../engine/analyzeFile';
import type { Finding } from '../engine/finding';
import type { RuleSettings } from '../engine/settings';
import { buildIndexFromFiles } from '../index/buildIndex';
import { findGoFiles } from '../index/findGoFiles';
import { readGoSource, SkippedFile } from '../index/goSource';
import { contentHash, FunctionReuse, summarizeFileSteps } from '../index/summarizeFile';
import type { FileSummary } from '../index/types';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { Locale } from '../l10n/locale';
import { createGoParser, parseGo } from '../parse/goParser';
import { runToEnd, type Steps } from '../steps';
import { OpenDocument, type ContentChange } from './openDocument';
import { RaceResultsSlot } from './raceResults';

/** Findings that come from elsewhere (the Go engine), merged into every answer. */
export interface ExtraFindings {
  files(): Iterable<string>;
  findingsFor(path: string): Finding[];
}

export interface SessionHooks {
  log?: (msg: string) => void;
  progress?: (done: number, total: number) => void;
}

export class AnalysisSession {
  readonly index = new WorkspaceIndex();
  private readonly open = new Map<string, OpenDocument>();
  /** Per open file: its functions' summaries from the previous keystroke (see FunctionReuse). */
  private readonly reuse = new Map<string, FunctionReuse>();
  private readonly findings = new Map<string, Finding[]>();
  /** Open buffers edited since their summary was last taken into the index. */
  private readonly unsummarised = new Set<string>();
  /** Per open buffer: the version its stored findings were computed from. */
  private readonly analysedVersions = new Map<string, number>();
  private parser!: Parser;
  settings: RuleSettings = {};
  /** The latest race-detector findings (race feature writes, checklist reads). */
  readonly raceResults = new RaceResultsSlot();
  locale: Locale = 'en';
  /** The Go engine's findings (set by the server once the engine runs). */
  extra: ExtraFindings | undefined;
  /** Files analysed since start, for tests asserting incremental behaviour. */
  analysedCount = new Map<string, number>();

  constructor(private readonly hooks: SessionHooks = {}) {}

  async init(): Promise<void> {
    this.parser = await createGoParser();
  }

  /** Indexes every Go file under the roots (worker threads for large trees). */
  async indexFolders(roots: string[]): Promise<string[]> {
    const files = roots.flatMap((r) => findGoFiles(r, { onSkip: (p, why) => this.hooks.log?.(`skipped ${p}: ${why}`) }));
    const res = await buildIndexFromFiles(files, this.index, (p) => this.hooks.progress?.(p.done, p.total));
    for (const f of res.failures) this.hooks.log?.(`skipped ${f.path}: ${f.error}`);
    return files;
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  /** Cheap: the parse and the index update wait for refreshDocument (or analyse). */
  openDocument(path: string, text: string, version: number): void {
    this.open.get(path)?.dispose();
    this.open.set(path, new OpenDocument(path, text, version, this.parser.language!));
    this.unsummarised.add(path);
  }

  /** Takes LSP changes into an open buffer; cheap, like openDocument. Returns false for a buffer not open. */
  editDocument(path: string, changes: readonly ContentChange[], version: number): boolean {
    const doc = this.open.get(path);
    if (!doc) return false;
    doc.applyChanges(changes, version);
    this.unsummarised.add(path);
    return true;
  }

  /** Takes an open buffer's latest text into the index; returns the files whose findings may have changed. */
  refreshDocument(path: string): string[] {
    return runToEnd(this.refreshDocumentSteps(path));
  }

  /** The same, a function at a time. Dropped half-way, it leaves the index as it was. */
  *refreshDocumentSteps(path: string): Steps<string[]> {
    const doc = this.open.get(path);
    if (!doc || !this.unsummarised.has(path)) return [];
    const version = doc.version;
    const affected = yield* this.refreshSummarySteps(path, doc.text, doc);
    if (doc.version === version) this.unsummarised.delete(path);
    return affected;
  }

  /** editDocument and refreshDocument at once; returns the files whose findings may have changed. */
  changeDocument(path: string, changes: readonly ContentChange[], version: number): string[] {
    return this.editDocument(path, changes, version) ? this.refreshDocument(path) : [];
  }

  closeDocument(path: string): string[] {
    const doc = this.open.get(path);
    doc?.dispose();
    this.open.delete(path);
    this.reuse.delete(path);
    this.unsummarised.delete(path);
    this.analysedVersions.delete(path);
    // The file on disk is the truth again.
    return this.fileChangedOnDisk(path);
  }

  /** A watched file changed, was created or deleted outside the editor. */
  fileChangedOnDisk(path: string): string[] {
    if (path.endsWith('go.mod')) {
      this.index.goMods.invalidate();
      const dir = dirname(path);
      return this.index.allFiles().filter((f) => f.path.startsWith(dir)).map((f) => f.path);
    }
    if (!path.endsWith('.go') || this.open.has(path)) return [];
    let text: string;
    try {
      text = readGoSource(path);
    } catch (e) {
      if (e instanceof SkippedFile) this.hooks.log?.(`skipped ${path}: ${e.message}`);
      const dependants = this.index.dependantsOf(path);
      this.index.remove(path);
      this.findings.delete(path);
      return [path, ...dependants];
    }
    return this.refreshSummary(path, text);
  }

  private refreshSummary(path: string, text: string): string[] {
    return runToEnd(this.refreshSummarySteps(path, text));
  }

  private *refreshSummarySteps(path: string, text: string, doc?: OpenDocument): Steps<string[]> {
    const old = this.index.file(path);
    if (old && old.hash === contentHash(text) && !doc) return [];
    const tree = doc ? yield* doc.syntaxTreeSteps() : parseGo(this.parser, text);
    let reuse: FunctionReuse | undefined;
    if (doc) {
      reuse = this.reuse.get(path);
      if (!reuse) this.reuse.set(path, (reuse = new FunctionReuse()));
    }
    let summary: FileSummary;
    try {
      summary = yield* summarizeFileSteps(path, text, tree, reuse);
    } finally {
      if (!doc) tree.delete();
    }
    const shapeChanged = this.index.update(summary);
    const change = this.index.lastChange;
    // Only the callers of functions whose facts changed (and users of the same locks/channels) need re-analysis.
    const affected = change
      ? this.index.functions().filesAffectedBy(path, change.changedFuncs, change.old?.funcs ?? [])
      : new Set<string>();
    return [...new Set([path, ...(shapeChanged ? this.index.dependantsOf(path) : []), ...affected])];
  }

  /** Re-runs the rules on one file (open buffer or disk) and stores the findings. */
  analyse(path: string): Finding[] {
    return runToEnd(this.analyseSteps(path));
  }

  /**
   * The same, a rule at a time (see analyzeFileSteps). An open buffer's pending edits are taken into the
   * index first; callers that need the files this affects call refreshDocument before.
   */
  *analyseSteps(path: string): Steps<Finding[]> {
    yield* this.refreshDocumentSteps(path);
    const summary = this.index.file(path);
    if (!summary) {
      this.findings.delete(path);
      return [];
    }
    const doc = this.open.get(path);
    let text: string;
    try {
      text = doc ? doc.text : readFileSync(path, 'utf8');
    } catch {
      this.findings.delete(path);
      return [];
    }
    const tree = doc ? doc.syntaxTree : parseGo(this.parser, text);
    const version = doc?.version;
    let result: Finding[];
    try {
      result = yield* analyzeFileSteps({
        path,
        text,
        tree,
        summary,
        index: this.index,
        settings: this.settings,
        locale: this.locale,
        onRuleError: (rule, err) => this.hooks.log?.(`rule ${rule} failed on ${path}: ${err.stack ?? err.message}`),
      });
    } finally {
      // Also when the analysis is dropped half-way (superseded): a buffer's tree stays, a disk file's goes.
      if (!doc) tree.delete();
    }
    this.analysedCount.set(path, (this.analysedCount.get(path) ?? 0) + 1);
    this.findings.set(path, result);
    if (version !== undefined) this.analysedVersions.set(path, version);
    return this.findingsFor(path);
  }

  /** The buffer version the file's stored findings were computed from (undefined for files not open). */
  analysedVersion(path: string): number | undefined {
    return this.open.has(path) ? this.analysedVersions.get(path) : undefined;
  }

  /** The file's findings: this server's rules and the Go engine's. */
  findingsFor(path: string): Finding[] {
    const own = this.findings.get(path) ?? [];
    const extra = this.extra?.findingsFor(path) ?? [];
    if (extra.length === 0) return own;
    return [...own, ...extra].sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
  }

  allFindings(): Finding[] {
    const files = new Set([...this.findings.keys(), ...(this.extra?.files() ?? [])]);
    return [...files].flatMap((f) => this.findingsFor(f));
  }

  /** Open buffers under a folder, for the engine's overlay. */
  openTexts(under: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [path, doc] of this.open) if (path.startsWith(under)) out[path] = doc.text;
    return out;
  }

  documentText(path: string): string | undefined {
    return this.open.get(path)?.text;
  }

  openDocumentFor(path: string): OpenDocument | undefined {
    return this.open.get(path);
  }
}
