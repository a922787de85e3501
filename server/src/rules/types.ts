// The contract between the rule engine and each rule. Rules depend only on
// the parse and index layers; they never import vscode or the LSP connection.
import type { Tree } from 'web-tree-sitter';
import type { PackageView, WorkspaceIndex } from '../index/workspaceIndex';
import type { FileSummary } from '../index/types';
import type { LocalText } from '../l10n/locale';
import type { Node, SourceRange } from '../parse/syntax';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export type RuleCategory = 'race' | 'lock' | 'goroutine' | 'channel' | 'context' | 'database' | 'testing';

/** The seed's checklist items (체크리스트), in order. */
export type ChecklistItemId =
  | 'race-in-ci'
  | 'shared-state-guarded'
  | 'goroutines-bounded'
  | 'context-timeouts'
  | 'defer-unlock-close'
  | 'db-transactions-locks'
  | 'distributed-lock-reviewed';

export interface RuleMeta {
  id: string;
  title: LocalText;
  description: LocalText;
  defaultSeverity: Severity;
  category: RuleCategory;
  checklistItem: ChecklistItemId;
  /** Inclusive lower and exclusive upper bound of the module's `go` directive. */
  goVersion?: { min?: string; below?: string };
  fixable: boolean;
  /** 'go': analysed by the Go engine (engine/); its messages come from there. */
  engine?: 'go';
  messages: Record<string, LocalText>;
}

export interface TextEditSpec {
  range: SourceRange;
  newText: string;
}

export interface FixSpec {
  title: LocalText;
  edits: TextEditSpec[];
}

export interface RelatedSpec {
  file?: string;
  range: SourceRange;
  message: LocalText;
  args?: Record<string, string | number>;
}

export interface Report {
  node: Node;
  messageId: string;
  args?: Record<string, string | number>;
  related?: RelatedSpec[];
  fixes?: FixSpec[];
  /** Overrides the rule's severity for this report (e.g. the hint variant of a rule). */
  severity?: Severity;
  /** Reported under another id of the same rule file (e.g. unlock-not-deferred). */
  ruleId?: string;
}

export interface RuleContext {
  path: string;
  text: string;
  tree: Tree;
  summary: FileSummary;
  pkg: PackageView;
  index: WorkspaceIndex;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Extra ids this rule reports under, with their own metadata (e.g. a hint variant). */
  variants?: RuleMeta[];
  check(ctx: RuleContext): void;
}
