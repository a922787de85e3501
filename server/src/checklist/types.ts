// The checklist's data: what each item evaluates to, the evidence behind it
// and the actions that can improve it. Plain data shared by the server
// feature, the CLI and (through protocol.ts) the client.
import type { ChecklistItemId } from '../rules/types';

export type { ChecklistItemId };

export type ChecklistStatus = 'pass' | 'fail' | 'warn' | 'n/a' | 'needs review';

export type EvidenceKind = 'finding' | 'ci' | 'deployment' | 'dependency' | 'handler' | 'race-run' | 'database';

/** One location that supports the item's status. Lines and columns are 0-based. */
export interface Evidence {
  kind: EvidenceKind;
  file: string;
  line: number;
  column: number;
  message: string;
  /** The rule id for findings. */
  rule?: string;
  /** Whether this piece counts against the item (a finding, a `go test` without -race). */
  negative: boolean;
  /** An action that fixes this piece, by id (see ChecklistAction). */
  actionId?: string;
  /** A static finding confirmed at run time by `goconc test`. */
  confirmed?: boolean;
  /** A run-time finding with no static counterpart: a gap of the static analysis. */
  gap?: boolean;
}

/** A text insertion the server can apply as a WorkspaceEdit. */
export interface InsertEdit {
  file: string;
  line: number;
  column: number;
  text: string;
}

export type ChecklistAction =
  | { id: string; kind: 'add-race'; title: string; edit: InsertEdit }
  | { id: string; kind: 'add-workflow'; title: string; file: string; content: string };

export interface ManualEntry {
  checked: boolean;
  note?: string;
  /** ISO date (YYYY-MM-DD) of the last change. */
  updated?: string;
}

export interface ChecklistItemResult {
  id: ChecklistItemId;
  /** 1-based position in the seed's list. */
  number: number;
  title: string;
  status: ChecklistStatus;
  /** The status before a manual tick was applied. */
  evaluated: ChecklistStatus;
  /** How many pieces of evidence count against the item (or for it, when it passes on evidence). */
  count: number;
  summary: string;
  evidence: Evidence[];
  actions: ChecklistAction[];
  manual?: ManualEntry;
  /** The rules whose findings feed this item (from their metadata). */
  rules: string[];
  /** The wizard branch that helps with this item, when there is one. */
  wizardBranch?: string;
}

export interface ChecklistReport {
  version: 1;
  roots: string[];
  items: ChecklistItemResult[];
  score: { passed: number; applicable: number };
  /** True when some item fails (the CLI exits 1). */
  failed: boolean;
}
