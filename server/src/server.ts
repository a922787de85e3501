// LSP wiring only: turns protocol events into AnalysisSession calls and
// findings into diagnostics and code actions.
import { dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { Finding } from './engine/finding';
import { isSeveritySetting, type RuleSettings } from './engine/settings';
import { format, pickLocale } from './l10n/locale';
import { progressMessages } from './progressMessages';
import { allFindingsRequest, findingsChangedNotification, indexStatusNotification } from './protocol';
import { suppressionActions } from './actions/suppressionActions';
import { ruleDocsUri } from './output/docsLinks';
import type { SourceRange } from './parse/syntax';
import type { Severity } from './rules/types';
import type { ServerContext } from './features/feature';
import { serverFeatures } from './features/registry';
import { ensureEngineBinaryAsync } from './goEngine/engineBinary';
import { diskText, engineFindings } from './goEngine/engineFindings';
import { EngineProcess } from './goEngine/engineProcess';
import { EngineScheduler } from './goEngine/engineScheduler';
import { AnalysisQueue } from './session/analysisQueue';
import { createServerConnection } from './stdioConnection';
import { AnalysisSession } from './session/analysisSession';
import type { ContentChange } from './session/openDocument';

const connection = createServerConnection();
// From `initialized` until the first diagnostics of every file — the engine's included — are published.
let startup: WorkDoneProgressReporter | undefined;
const session = new AnalysisSession({
  log: (m) => connection.console.log(m),
  progress: (done, files) => {
    void connection.sendNotification(indexStatusNotification, { state: 'indexing', files, done });
    startup?.report(Math.round((done / Math.max(files, 1)) * 50), format(progressMessages.indexing, session.locale, { done, total: files }));
  },
});

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

let roots: string[] = [];
let trusted = true;
let supportsConfiguration = false;
let canRegisterWatchers = false;
let ready: Promise<void> = Promise.resolve();
const findingsListeners: ((paths: string[]) => void)[] = [];
const documentListeners: ((path: string, changes?: readonly ContentChange[]) => void)[] = [];
const documentChanged = (path: string, changes?: readonly ContentChange[]) => documentListeners.forEach((l) => l(path, changes));

const toPath = (uri: string) => (uri.startsWith('file:') ? fileURLToPath(uri) : uri);
const toUri = (path: string) => pathToFileURL(path).toString();
const lspRange = (r: SourceRange) => ({
  start: { line: r.startLine, character: r.startColumn },
  end: { line: r.endLine, character: r.endColumn },
});

function toDiagnostic(f: Finding): Diagnostic {
  return {
    range: lspRange(f.range),
    severity: severities[f.severity],
    source: 'goconc',
    code: f.rule,
    codeDescription: { href: ruleDocsUri(f.rule, session.locale) },
    message: f.message,
    relatedInformation: f.related.map((r) => ({ location: { uri: toUri(r.file), range: lspRange(r.range) }, message: r.message })),
    data: { fixes: f.fixes.length },
  };
}

// The Go engine: started once the workspace is indexed (trusted workspaces only: the go command may
// fetch modules or toolchains); its findings are merged into every file's diagnostics.
let engine: EngineProcess | undefined;
const log = (m: string) => connection.console.log(m);
const scheduler = new EngineScheduler({
  engine: () => engine,
  locale: () => session.locale,
  overlay: (root) => session.openTexts(root),
  filesIn: (dir, recursive) =>
    session.index
      .allFiles()
      .map((f) => f.path)
      .filter((p) => (recursive ? p.startsWith(dir + sep) : dirname(p) === dir)),
  changed: (files) => findingsSent(files.map(sendStored)),
  log,
});
session.extra = {
  files: () => scheduler.findings.keys(),
  findingsFor: (path) => {
    const raw = scheduler.findings.get(path);
    if (!raw) return [];
    return engineFindings({ version: 1, findings: raw, errors: [] }, session.settings, (f) => session.documentText(f) ?? diskText(f));
  },
};

/** Sends a file's stored findings (no re-analysis), with the buffer version they are for; returns its URI. */
function sendStored(path: string): string {
  const uri = toUri(path);
  void connection.sendDiagnostics({ uri, version: session.analysedVersion(path), diagnostics: session.findingsFor(path).map(toDiagnostic) });
  return uri;
}

// Every analysis goes through this queue (see analysisQueue.ts): the latest version of an edited buffer,
// the files an edit affects once typing settles, in slices that leave the event loop free for requests.
const queue = new AnalysisQueue({
  refresh: (path) => session.refreshDocumentSteps(path),
  analyse: (path) => session.analyseSteps(path),
  analysed: (paths) => findingsSent(paths.map(sendStored)),
  log,
});

/** Starts the engine and waits for its first check of the workspace. */
async function startEngine(): Promise<void> {
  if (!trusted) {
    log('goconc: the workspace is not trusted; the Go engine (every rule) does not run');
    return;
  }
  try {
    const binary = await ensureEngineBinaryAsync({ goBin: process.env.GOCONC_GO, onBuild: log });
    engine = new EngineProcess(binary, log);
    log(`goconc: Go engine ${binary}`);
    await scheduler.checkFolders(roots);
  } catch (e) {
    log(`goconc: the Go engine is unavailable, its rules are not checked: ${(e as Error).message}`);
    void connection.window.showWarningMessage(`goconc: most rules need Go: ${(e as Error).message}`);
  }
}

function findingsSent(uris: string[]): void {
  if (uris.length > 0) void connection.sendNotification(findingsChangedNotification, { uris });
  // Listeners hear every publish, empty ones too (the first marks the end of indexing).
  findingsListeners.forEach((l) => l(uris.map(toPath)));
}

function publish(paths: Iterable<string>): void {
  queue.analyseSoon(paths);
}

async function loadSettings(): Promise<void> {
  if (!supportsConfiguration) return;
  const cfg = (await connection.workspace.getConfiguration('goconc')) as { rules?: Record<string, unknown> } | null;
  const settings: RuleSettings = {};
  for (const [id, v] of Object.entries(cfg?.rules ?? {})) if (isSeveritySetting(v)) settings[id] = v;
  session.settings = settings;
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  // The client's goconc.language choice (auto resolved) wins over the editor's display language.
  session.locale = pickLocale((params.initializationOptions as { language?: string } | undefined)?.language ?? params.locale);
  supportsConfiguration = !!params.capabilities.workspace?.configuration;
  canRegisterWatchers = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  roots = (params.workspaceFolders ?? []).map((f) => toPath(f.uri));
  if (roots.length === 0 && params.rootUri) roots = [toPath(params.rootUri)];
  const options = params.initializationOptions as { trusted?: boolean } | undefined;
  trusted = options?.trusted !== false;
  ready = session.init();
  const featureContext: ServerContext = {
    connection,
    session,
    roots: () => roots,
    trusted: () => trusted,
    republish: (paths) => publish(paths),
    toPath,
    toUri,
    onFindingsChanged: (listener) => void findingsListeners.push(listener),
    onDocumentChanged: (listener) => void documentListeners.push(listener),
  };
  let capabilities: InitializeResult['capabilities'] = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  };
  for (const feature of serverFeatures) {
    capabilities = { ...capabilities, ...feature.capabilities?.() };
    feature.register(featureContext);
  }
  return { capabilities, serverInfo: { name: 'goconc', version: '0.1.0' } };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'goconc' });
  // Before the scan: a Go file created while it runs is then reported by the client (any client able to
  // watch files for a server, not only the VS Code extension).
  if (canRegisterWatchers) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.go' }, { globPattern: '**/go.mod' }] });
  }
  await ready;
  await loadSettings();
  startup = await connection.window.createWorkDoneProgress();
  startup.begin(format(progressMessages.title, session.locale), 0, format(progressMessages.indexing, session.locale, { done: 0, total: '…' }));
  const files = await session.indexFolders(roots);
  startup.report(50, format(progressMessages.analysing, session.locale, { files: files.length }));
  publish(session.index.allFiles().map((f) => f.path));
  await queue.whenIdle();
  if (trusted) startup.report(75, format(progressMessages.engine, session.locale));
  await startEngine();
  // Only now is every file's first diagnostic out: the status bar may say so.
  void connection.sendNotification(indexStatusNotification, { state: 'ready', files: files.length, done: files.length });
  startup.done();
  startup = undefined;
});

connection.onShutdown(() => engine?.dispose());

connection.onDidChangeConfiguration(async () => {
  await loadSettings();
  publish(session.index.allFiles().map((f) => f.path));
});

connection.onDidOpenTextDocument(async ({ textDocument }) => {
  await ready;
  const path = toPath(textDocument.uri);
  session.openDocument(path, textDocument.text, textDocument.version);
  queue.edit(path, true);
});

connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
  await ready;
  const path = toPath(textDocument.uri);
  if (!session.editDocument(path, contentChanges, textDocument.version)) return;
  queue.edit(path);
  documentChanged(path, contentChanges);
  if (path.endsWith('.go')) scheduler.edited(path);
});

connection.onDidSaveTextDocument(({ textDocument }) => {
  const path = toPath(textDocument.uri);
  if (path.endsWith('.go')) scheduler.saved(path);
});

connection.onDidCloseTextDocument(async ({ textDocument }) => {
  await ready;
  publish(session.closeDocument(toPath(textDocument.uri)));
  documentChanged(toPath(textDocument.uri));
  if (textDocument.uri.endsWith('.go')) scheduler.edited(toPath(textDocument.uri));
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  await ready;
  const affected: string[] = [];
  for (const c of changes) {
    const path = toPath(c.uri);
    const before = session.index.file(path);
    affected.push(...session.fileChangedOnDisk(path));
    documentChanged(path);
    if (path.endsWith('.go') || path.endsWith('go.mod')) scheduler.saved(path);
    if (c.type === FileChangeType.Deleted && before) void connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
  }
  publish(affected);
});

connection.onCodeAction(({ textDocument, range, context }) => {
  const path = toPath(textDocument.uri);
  const actions: CodeAction[] = [];
  for (const f of session.findingsFor(path)) {
    const r = f.range;
    const overlaps = r.startLine <= range.end.line && r.endLine >= range.start.line;
    if (!overlaps) continue;
    const diagnostic = context.diagnostics.find((d) => d.code === f.rule && d.range.start.line === r.startLine) ?? toDiagnostic(f);
    f.fixes.forEach((fix, i) => {
      const changes: Record<string, { range: ReturnType<typeof lspRange>; newText: string }[]> = {};
      for (const e of fix.edits) (changes[toUri(e.file)] ??= []).push({ range: lspRange(e.range), newText: e.newText });
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === 0, edit: { changes } });
    });
    // After the fixes: ignore this finding here, or change the rule's severity (once per rule).
    if (!actions.some((a) => a.command?.arguments?.[0] === f.rule)) {
      actions.push(...suppressionActions({ uri: textDocument.uri, rule: f.rule, line: r.startLine, diagnostic }, session.documentText(path)?.split('\n')[r.startLine], session.locale));
    }
  }
  return actions;
});

connection.onRequest(allFindingsRequest, () =>
  session.allFindings().map((f) => ({
    rule: f.rule,
    severity: f.severity,
    uri: toUri(f.file),
    line: f.range.startLine,
    character: f.range.startColumn,
    message: f.message,
  })),
);

connection.listen();
