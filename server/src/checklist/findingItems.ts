// Items 2–7 from the analyser's open findings (7 also weighs deployments): each rule's metadata names
// the checklist item it feeds, so no rule is known here by name.
import { format, type Locale } from '../l10n/locale';
import type { RuleMeta, Severity } from '../rules/types';
import { checklistText as t } from './checklistText';
import type { ChecklistItemId, ChecklistStatus, Evidence } from './types';

/** A finding as the checklist needs it (0-based line and column). */
export interface ChecklistFinding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
  /** Findings of a race-detector run (not the static rules). */
  source?: 'race-run';
  /** A static finding that a `goconc test` run saw again at the same place. */
  confirmed?: boolean;
  /** A run-time finding no static rule reported (a gap of the static analysis). */
  gap?: boolean;
}

export interface FindingItemResult {
  status: ChecklistStatus;
  count: number;
  summary: string;
  evidence: Evidence[];
  rules: string[];
}

export function rulesFeeding(item: ChecklistItemId, metas: readonly RuleMeta[]): string[] {
  return metas.filter((m) => m.checklistItem === item).map((m) => m.id);
}

/** Fails on an open error or warning, warns on hints/information only, passes when none is open. */
export function evaluateFindingItem(item: ChecklistItemId, findings: readonly ChecklistFinding[], metas: readonly RuleMeta[], locale: Locale): FindingItemResult {
  const rules = rulesFeeding(item, metas);
  const own = new Set(rules);
  const open = findings
    .filter((f) => own.has(f.rule))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  const evidence: Evidence[] = open.map((f) => ({
    kind: f.source ?? 'finding',
    file: f.file,
    line: f.line,
    column: f.column,
    message: f.message,
    rule: f.rule,
    negative: true,
    ...(f.confirmed ? { confirmed: true } : {}),
    ...(f.gap ? { gap: true } : {}),
  }));
  if (rules.length === 0) return { status: 'needs review', count: 0, summary: format(t.noRules, locale), evidence, rules };
  const serious = open.filter((f) => f.severity === 'error' || f.severity === 'warning');
  if (serious.length > 0) return { status: 'fail', count: open.length, summary: format(t.findingsOpen, locale, { count: open.length }), evidence, rules };
  if (open.length > 0) return { status: 'warn', count: open.length, summary: format(t.hintsOpen, locale, { count: open.length }), evidence, rules };
  return { status: 'pass', count: 0, summary: format(t.noFindings, locale, { count: rules.length }), evidence, rules };
}
