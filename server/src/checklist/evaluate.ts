// Evaluates the seed's checklist against a workspace: CI definitions, the
// open findings, deployment manifests and go.mod. Pure apart from reading
// the workspace's files; the server feature and the CLI share it.
import type { Parser } from 'web-tree-sitter';
import type { FileSummary } from '../index/types';
import { format, type Locale } from '../l10n/locale';
import type { RuleMeta } from '../rules/types';
import { checklistText as t } from './checklistText';
import { databaseEvidence } from './databaseUsage';
import { multiInstanceSigns } from './deployments';
import { evaluateFindingItem, rulesFeeding, type ChecklistFinding } from './findingItems';
import { requirementsOf } from './goModDependencies';
import { handlerContextEvidence } from './handlerContext';
import { checklistItems, type ChecklistItemDef } from './items';
import { lockDependencyEvidence } from './lockDependencies';
import type { ManualState } from './manualState';
import { evaluateRaceInCi } from './raceInCi';
import type { ChecklistAction, ChecklistItemResult, ChecklistReport, ChecklistStatus, Evidence } from './types';
import { walkWorkspace } from './workspaceWalk';

/** That a race-detector run happened (its findings come in `findings` with source 'race-run'). */
export interface RaceRunEvidence {
  /** ISO time the run finished. */
  finishedAt: string;
}

export interface ChecklistInput {
  roots: string[];
  findings: readonly ChecklistFinding[];
  files: readonly FileSummary[];
  ruleMetas: readonly RuleMeta[];
  manual?: ManualState;
  raceRun?: RaceRunEvidence;
  locale: Locale;
  /** A Go parser for the handler scan of item 4 (skipped without one). */
  parser?: Parser;
}

interface Evaluated {
  status: ChecklistStatus;
  count: number;
  summary: string;
  evidence: Evidence[];
  actions?: ChecklistAction[];
  rules?: string[];
}

const worst: ChecklistStatus[] = ['fail', 'needs review', 'warn', 'pass', 'n/a'];

function raceInCi(input: ChecklistInput): Evaluated {
  const per = input.roots.map((r) => evaluateRaceInCi(r, input.locale));
  if (per.length === 1) return per[0]!;
  const status = worst.find((s) => per.some((p) => p.status === s)) ?? 'n/a';
  return {
    status,
    count: per.reduce((n, p) => n + p.count, 0),
    summary: per.map((p) => p.summary).join('; '),
    evidence: per.flatMap((p) => p.evidence),
    actions: per.flatMap((p) => p.actions),
  };
}

function sharedState(input: ChecklistInput): Evaluated {
  const base = evaluateFindingItem('shared-state-guarded', input.findings, input.ruleMetas, input.locale);
  const run = input.raceRun;
  if (!run) return base;
  const when = run.finishedAt.slice(0, 16).replace('T', ' ');
  const races = base.evidence.filter((e) => e.kind === 'race-run').length;
  const note = races > 0 ? format(t.raceRunRaces, input.locale, { count: races, when }) : format(t.raceRunClean, input.locale, { when });
  return { ...base, summary: `${base.summary}; ${note}` };
}

function contextItem(input: ChecklistInput): Evaluated {
  const base = evaluateFindingItem('context-timeouts', input.findings, input.ruleMetas, input.locale);
  const handlers = handlerContextEvidence(input.files, input.locale, input.parser);
  if (handlers.length === 0) {
    // The handler scan is itself an automatic check: with no rule feeding the item it still passes on it.
    return base.rules.length === 0 ? { ...base, status: 'pass', summary: format(t.handlersUseContext, input.locale) } : base;
  }
  const count = base.count + handlers.length;
  const status: ChecklistStatus = base.status === 'fail' ? 'fail' : 'warn';
  return { ...base, status, count, evidence: [...base.evidence, ...handlers], summary: format(t.findingsOpen, input.locale, { count }) };
}

function databaseItem(input: ChecklistInput, goMods: string[]): Evaluated {
  const used = databaseEvidence(requirementsOf(goMods), input.files, input.locale);
  if (used.length === 0) return { status: 'n/a', count: 0, summary: format(t.noDatabase, input.locale), evidence: [], rules: rulesFeeding('db-transactions-locks', input.ruleMetas) };
  const base = evaluateFindingItem('db-transactions-locks', input.findings, input.ruleMetas, input.locale);
  return { ...base, evidence: [...base.evidence, ...used] };
}

function distributedLock(input: ChecklistInput, yamlFiles: string[], goMods: string[]): Evaluated {
  const signs = multiInstanceSigns(yamlFiles, input.locale);
  const locks = lockDependencyEvidence(requirementsOf(goMods), input.files, input.locale);
  // A finding on a lock in the code (no expiry, unsafe release, pooled advisory lock…) is evidence enough,
  // whatever the deployment says: it fails the item (warns for information only), and a tick cannot hide it.
  const found = evaluateFindingItem('distributed-lock-reviewed', input.findings, input.ruleMetas, input.locale);
  if (found.count > 0) return { ...found, evidence: [...found.evidence, ...signs, ...locks] };
  if (signs.length === 0) return { status: 'n/a', count: 0, summary: format(t.noInstances, input.locale), evidence: locks };
  const summary = `${format(t.instances, input.locale, { count: signs.length })}; ${locks.length > 0 ? locks[0]!.message : format(t.noLockDependency, input.locale)}`;
  return { status: 'needs review', count: signs.length, summary, evidence: [...signs, ...locks] };
}

/** A tick settles what needs judgement (needs review, warn); it never hides a failure. */
function applyManual(def: ChecklistItemDef, e: Evaluated, input: ChecklistInput): Pick<ChecklistItemResult, 'status' | 'manual' | 'summary'> {
  const manual = input.manual?.items[def.id];
  if (manual?.checked && (e.status === 'needs review' || e.status === 'warn' || e.status === 'n/a')) {
    return { status: 'pass', manual, summary: `${format(t.reviewed, input.locale)}: ${e.summary}` };
  }
  return { status: e.status, manual, summary: e.summary };
}

export function evaluateChecklist(input: ChecklistInput): ChecklistReport {
  const walked = input.roots.map((r) => walkWorkspace(r));
  const yamlFiles = walked.flatMap((w) => w.yamlFiles);
  const goMods = walked.flatMap((w) => w.goMods);
  const evaluators: Record<ChecklistItemDef['id'], () => Evaluated> = {
    'race-in-ci': () => raceInCi(input),
    'shared-state-guarded': () => sharedState(input),
    'goroutines-bounded': () => evaluateFindingItem('goroutines-bounded', input.findings, input.ruleMetas, input.locale),
    'context-timeouts': () => contextItem(input),
    'defer-unlock-close': () => evaluateFindingItem('defer-unlock-close', input.findings, input.ruleMetas, input.locale),
    'db-transactions-locks': () => databaseItem(input, goMods),
    'distributed-lock-reviewed': () => distributedLock(input, yamlFiles, goMods),
  };
  const items = checklistItems.map((def, i): ChecklistItemResult => {
    const e = evaluators[def.id]();
    const settled = applyManual(def, e, input);
    return {
      id: def.id,
      number: i + 1,
      title: def.title[input.locale],
      status: settled.status,
      evaluated: e.status,
      count: e.count,
      summary: settled.summary,
      evidence: e.evidence,
      actions: e.actions ?? [],
      manual: settled.manual,
      rules: e.rules ?? rulesFeeding(def.id, input.ruleMetas),
      wizardBranch: def.wizardBranch,
    };
  });
  const applicable = items.filter((i) => i.status !== 'n/a');
  return {
    version: 1,
    roots: input.roots,
    items,
    score: { passed: applicable.filter((i) => i.status === 'pass').length, applicable: applicable.length },
    failed: items.some((i) => i.status === 'fail'),
  };
}
