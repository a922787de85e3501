// The checklist for a folder on disk, headless (CLI, tests): analyse the Go
// files, read the manual ticks, evaluate.
import { analyzeWorkspace } from '../engine/analyzeWorkspace';
import { engineFindingsFor } from '../goEngine/analyzeWithEngine';
import type { Finding } from '../engine/finding';
import type { RuleSettings } from '../engine/settings';
import type { Locale } from '../l10n/locale';
import { createGoParser } from '../parse/goParser';
import { allRuleMetas } from '../rules/registry';
import { evaluateChecklist, type RaceRunEvidence } from './evaluate';
import type { ChecklistFinding } from './findingItems';
import { readManualState } from './manualState';
import type { ChecklistReport } from './types';
import { collectGoFiles } from '../engine/analyzeWorkspace';
import { raceRuleMetas } from '../race/raceOutput';
import { checklistFindingsWithRun } from './runConfirmation';

export function toChecklistFinding(f: Finding): ChecklistFinding {
  return { rule: f.rule, severity: f.severity, file: f.file, line: f.range.startLine, column: f.range.startColumn, message: f.message };
}

export interface FolderChecklist {
  report: ChecklistReport;
  manualProblems: string[];
  failures: { path: string; error: string }[];
  /** Why the Go engine's rules are missing from the evidence, if they are. */
  engineErrors: string[];
}

export async function checklistForFolder(
  root: string,
  /** `runFindings`: a `goconc test` run's findings (`--test-results`), checked against the static ones. */
  options: { locale?: Locale; settings?: RuleSettings; raceRun?: RaceRunEvidence; runFindings?: Finding[] } = {},
): Promise<FolderChecklist> {
  const locale = options.locale ?? 'en';
  const hasGo = collectGoFiles([root]).length > 0;
  const analysis = hasGo ? await analyzeWorkspace([root], { locale, settings: options.settings }) : undefined;
  // Most rules run in the Go engine: their findings are evidence too.
  const engine = hasGo ? await engineFindingsFor([root], { cwd: root, settings: options.settings, locale }) : undefined;
  const findings = [...(analysis?.findings ?? []), ...(engine?.findings ?? [])];
  const manual = readManualState(root);
  const itemOf = new Map(allRuleMetas().map((m) => [m.id, m.checklistItem]));
  const report = evaluateChecklist({
    roots: [root],
    findings: checklistFindingsWithRun(findings, options.runFindings ?? [], (rule) => itemOf.get(rule), locale),
    files: analysis?.index.allFiles() ?? [],
    // A run's findings feed items through their kinds' metadata; without a run the items list the static rules only.
    ruleMetas: options.runFindings ? [...allRuleMetas(), ...raceRuleMetas(), ...raceRuleMetas('test').filter((m) => !m.id.startsWith('race/'))] : allRuleMetas(),
    manual: manual.state,
    raceRun: options.raceRun,
    locale,
    parser: await createGoParser(),
  });
  return {
    report,
    manualProblems: manual.problems,
    failures: analysis?.failures ?? [],
    engineErrors: (engine?.engineErrors ?? []).map((e) => (e.dir ? `${e.dir}: ${e.error}` : e.error)),
  };
}
