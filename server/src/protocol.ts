// Custom LSP requests and notifications, typed once and imported by both the
// client and the server. Keep this file free of Node- or vscode-only imports.
import { NotificationType, RequestType, RequestType0, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-protocol';

export interface IndexStatus {
  state: 'indexing' | 'ready';
  files: number;
  done: number;
}

/** Server → client: indexing progress and readiness (drives the status bar). */
export const indexStatusNotification = new NotificationType<IndexStatus>('goconc/indexStatus');

export interface FindingSummary {
  rule: string;
  severity: string;
  uri: string;
  line: number;
  character: number;
  message: string;
}

/** Client → server: every current finding in the workspace (checklist, tests). */
export const allFindingsRequest = new RequestType0<FindingSummary[], void>('goconc/allFindings');

/** Server → client: findings changed somewhere in the workspace. */
export const findingsChangedNotification = new NotificationType<{ uris: string[] }>('goconc/findingsChanged');

// ---- Checklist (the seed's 체크리스트, evaluated by the server) ----

export type ChecklistStatusView = 'pass' | 'fail' | 'warn' | 'n/a' | 'needs review';

export interface ChecklistEvidenceView {
  kind: string;
  uri: string;
  /** Workspace-relative path for display. */
  label: string;
  line: number;
  character: number;
  message: string;
  rule?: string;
  negative: boolean;
  actionId?: string;
}

export interface ChecklistItemView {
  id: string;
  number: number;
  title: string;
  status: ChecklistStatusView;
  evaluated: ChecklistStatusView;
  count: number;
  summary: string;
  evidence: ChecklistEvidenceView[];
  actions: { id: string; kind: 'add-race' | 'add-workflow'; title: string }[];
  manual?: { checked: boolean; note?: string; updated?: string };
  rules: string[];
  wizardBranch?: string;
  /** The seed's advice for the item (the page shows only the UI language's), and the title of the seed section it glosses, in the UI language. */
  advice: { en: string; ko: string; section: string };
}

export interface ChecklistState {
  version: 1;
  items: ChecklistItemView[];
  score: { passed: number; applicable: number };
  failed: boolean;
  /** Where manual ticks are saved (`.goconc/checklist.json` of the first workspace folder). */
  manualFile?: string;
  locale: 'en' | 'ko';
}

/** Client → server: the current checklist. */
export const checklistRequest = new RequestType0<ChecklistState | null, void>('goconc/checklist');

/** Server → client: the checklist changed (findings, CI files, manual ticks). */
export const checklistChangedNotification = new NotificationType<ChecklistState>('goconc/checklistChanged');

export interface ChecklistManualParams {
  id: string;
  checked: boolean;
  note?: string;
}

/** Client → server: tick/untick an item or change its note; written to `.goconc/checklist.json`. */
export const checklistSetManualRequest = new RequestType<ChecklistManualParams, ChecklistState | null, void>('goconc/checklistSetManual');

/** Client → server: apply an item's action ("Add -race to this step", "Add a GitHub Actions workflow"). */
export const checklistRunActionRequest = new RequestType<{ actionId: string }, { applied: boolean; message?: string }, void>('goconc/checklistRunAction');

/** Client → server: a non-Go file the checklist reads (CI, manifests, go.mod, checklist.json) changed. */
export const checklistFilesChangedNotification = new NotificationType<{ uris: string[] }>('goconc/checklistFilesChanged');
/** What a race run tests: the whole workspace, the package of a file, or one test in it. */
export type RaceScope = { kind: 'workspace' } | { kind: 'package'; uri: string } | { kind: 'test'; uri: string; test: string };

export interface RaceRunParams {
  scope: RaceScope;
  /** Extra `go test` flags, e.g. ["-timeout=30s"]. */
  extraArgs?: string[];
  /** "Run with concurrency checks" (goconc test): add the goroutine-leak, deadlock and hang checks to -race. */
  checks?: boolean;
}

export interface RaceRunResult {
  outcome: 'races' | 'clean' | 'tests-failed' | 'build-failed' | 'no-tests' | 'go-missing' | 'needs-cgo' | 'go-failed' | 'cancelled' | 'untrusted' | 'busy' | 'no-folder';
  /** One or more sentences for the user, in their language. */
  summary: string[];
  reports: number;
  findings: number;
  packages: number;
}

/** Client → server: run `go test -race` for a scope (cancel the request to stop the process tree). */
export const raceRunRequest = new RequestType<RaceRunParams, RaceRunResult, void>('goconc/race/run');

export interface RaceProgress {
  packagesDone: number;
  packagesTotal?: number;
  /** The package that just finished, and how. */
  package?: string;
  status?: string;
  /** Output lines since the last notification (test output, go's stderr). */
  output?: string[];
}

/** Server → client: a race run's progress and streamed output. */
export const raceProgressNotification = new NotificationType<RaceProgress>('goconc/race/progress');

/**
 * Server → client: the race diagnostics (source `goconc-race`) of some files,
 * kept apart from the static `goconc` diagnostics so neither wipes the other.
 */
export const raceDiagnosticsNotification = new NotificationType<{ files: { uri: string; diagnostics: Diagnostic[] }[] }>('goconc/race/diagnostics');

/** Client → server: quick fixes for race diagnostics in a range. */
export const raceCodeActionsRequest = new RequestType<{ uri: string; range: Range }, CodeAction[], void>('goconc/race/codeActions');

// ---- Adding the primitives runtime to a module (goconc vendor-runtime in the editor) ----

export interface RuntimePackageView {
  /** Runtime-relative folder, also the selector: `pool`, `dlock/redisdlock`. */
  dir: string;
  synopsis: string;
  /** Modules the package and the runtime packages it imports need (empty: standard library only). */
  requires: string[];
  /** Other runtime packages copied with it. */
  alsoCopies: string[];
}

export interface RuntimePackagesResult {
  packages: RuntimePackageView[];
  defaultDir: string;
}

/** Client → server: the runtime packages that can be added (null when the bundled runtime is missing). */
export const runtimePackagesRequest = new RequestType0<RuntimePackagesResult | null, void>('goconc/runtimePackages');

export interface VendorRuntimeParams {
  /** The folder holding the module's go.mod. */
  moduleUri: string;
  /** Relative to the module folder. */
  dir: string;
  packages: string[];
  tidy: boolean;
  force: boolean;
}

export type VendorRuntimeResult =
  | { outcome: 'done'; summary: string[]; files: string[] }
  /** `conflict`: files exist with other content (ask, then retry with force). */
  | { outcome: 'refused'; reason: 'conflict' | 'other'; message: string }
  | { outcome: 'failed'; message: string };

/** Client → server: copy runtime packages into a module, add requirements, optionally `go mod tidy`. */
export const vendorRuntimeRequest = new RequestType<VendorRuntimeParams, VendorRuntimeResult, void>('goconc/vendorRuntime');

// ---- Wizard (decision trees, scaffolding) ----

export interface WizardParam {
  id: string;
  label: string;
  kind: 'identifier' | 'type' | 'int' | 'duration' | 'choice' | 'bool' | 'fields';
  default: string;
  choices?: { value: string; label: string }[];
  /** Only used by modules before this Go version: the panel hides it for newer ones. */
  onlyBefore?: string;
}

export interface WizardPattern {
  id: string;
  title: string;
  summary: string;
  params: WizardParam[];
  /** Set for patterns that rewrite the code under the cursor (struct, goLoop, transaction). */
  appliesTo?: 'struct' | 'goLoop' | 'transaction';
}

export type WizardNode =
  | { kind: 'question'; id: string; title: string; help?: string; options: { label: string; description?: string; next: string }[] }
  | { kind: 'leaf'; id: string; title: string; why: string; tradeoffs: string[]; pitfalls: string[]; patterns: string[] };

export interface WizardCatalog {
  trees: { id: string; title: string; root: string }[];
  nodes: Record<string, WizardNode>;
  patterns: Record<string, WizardPattern>;
  /** Rule id → the node a quick fix opens the wizard at. */
  ruleBranches: Record<string, string>;
}

/** Client → server: the decision trees and patterns, in the server's locale. */
export const wizardCatalogRequest = new RequestType0<WizardCatalog, void>('goconc/wizard/catalog');

export interface WizardTargetParams {
  uri?: string;
  position?: { line: number; character: number };
}

export interface WizardContextInfo {
  kind: 'struct' | 'goLoop' | 'transaction' | 'none';
  /** A short description of what is under the cursor, e.g. "struct Inventory (3 fields)". */
  label?: string;
  fields?: string[];
  suggestedNode?: string;
  goVersion?: string;
  packageName?: string;
  /** Answers to start from (parameter id → value), e.g. the model type of the flagged read-modify-write. */
  defaults?: Record<string, string>;
}

/** Client → server: what is under the cursor and where the wizard should start. */
export const wizardContextRequest = new RequestType<WizardTargetParams, WizardContextInfo, void>('goconc/wizard/context');

export interface WizardPreviewParams extends WizardTargetParams {
  pattern: string;
  answers: Record<string, string>;
  /** insert: into the document at the cursor; newFile: a new file beside it (or in the first workspace folder). */
  mode: 'insert' | 'newFile';
  /** Also create the pattern's `_test.go` when it ships one (newFile mode). */
  withTest?: boolean;
  /** The flagged code when the wizard was opened from a quick fix (same document as `uri`): the generated helper is called from there. */
  site?: { line: number; character: number };
}

export interface WizardFileEdit {
  uri: string;
  /** Create the file (it does not exist yet). */
  create?: boolean;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface WizardPreview {
  ok: boolean;
  errors: { param: string; message: string }[];
  /** The code to show: the new file, or the changed region with context. */
  preview: string;
  previewUri?: string;
  edits: WizardFileEdit[];
  /** Where the new code starts once the edits are applied (to reveal it). */
  reveal?: { line: number; character: number };
  notes: string[];
  dependencies: { module: string; why: string; missing: boolean }[];
  goVersion?: string;
}

/** Client → server: generate the code for answers; the client shows it and applies `edits` on Insert/Create. */
export const wizardPreviewRequest = new RequestType<WizardPreviewParams, WizardPreview, void>('goconc/wizard/preview');

export interface WizardCheckParams {
  /** Edits as in WizardPreview (not applied yet), or none to check the package as it is now (after Insert). */
  edits: WizardFileEdit[];
  /** A file of the package to check when `edits` is empty. */
  uri?: string;
}

export interface WizardCheckResult {
  /** ok: builds and vets; errors: the edits introduce problems; unavailable: no verdict (reason says why). */
  status: 'ok' | 'errors' | 'unavailable';
  /** One line each, `file:line:col: message`, for the problems the edits introduce. */
  problems: string[];
  reason?: string;
}

/** Client → server: type-check edits against the user's package (go vet with an overlay) before applying them. */
export const wizardCheckRequest = new RequestType<WizardCheckParams, WizardCheckResult, void>('goconc/wizard/check');

export interface WizardAddDependenciesParams {
  /** A file or folder inside the module. */
  uri: string;
  modules: string[];
}

export interface WizardAddDependenciesResult {
  added: { module: string; version: string }[];
  failed: { module: string; message: string }[];
  /** The go commands run, for the output channel. */
  commands: string[];
}

/** Client → server: `go get` each module pinned to the newest version the module's `go` line supports (trusted workspaces only). */
export const wizardAddDependenciesRequest = new RequestType<WizardAddDependenciesParams, WizardAddDependenciesResult, void>('goconc/wizard/addDependencies');
