// The checklist's view of a `goconc test` run next to the static analysis:
// static findings the run saw again are marked confirmed (and say so in
// their message), run-time findings no static rule reported are marked as
// gaps. Pure; the server feature feeds it the session's findings.
import type { Finding } from '../engine/finding';
import { format, type Locale } from '../l10n/locale';
import { confirmFindings } from '../race/confirmFindings';
import { raceMessages as rm } from '../race/raceMessages';
import { testMessages as tm } from '../race/testMessages';
import type { ChecklistItemId } from '../rules/types';
import { toChecklistFinding } from './evaluateWorkspace';
import type { ChecklistFinding } from './findingItems';

export function checklistFindingsWithRun(
  staticFindings: readonly Finding[],
  runFindings: readonly Finding[],
  itemOf: (rule: string) => ChecklistItemId | undefined,
  locale: Locale,
): ChecklistFinding[] {
  const c = confirmFindings(staticFindings, runFindings, itemOf);
  const confirmedBy = new Map(c.confirmed.map((x) => [x.finding, x.by]));
  const gaps = new Set(c.gaps);
  return [
    ...staticFindings.map((f): ChecklistFinding => {
      const by = confirmedBy.get(f);
      const base = toChecklistFinding(f);
      return by ? { ...base, message: base.message + format(rm.confirmed, locale, { rule: by.join(', ') }), confirmed: true } : base;
    }),
    ...runFindings.map((f): ChecklistFinding => {
      const base: ChecklistFinding = { ...toChecklistFinding(f), source: 'race-run' };
      return gaps.has(f) ? { ...base, message: format(tm.gap, locale, { message: base.message }), gap: true } : base;
    }),
  ];
}
