// The checklist report as the client sees it (protocol.ts): URIs, display
// labels and the seed advice per item.
import { relative } from 'node:path';
import type { ChecklistState } from '../protocol';
import { checklistItems } from './items';
import type { ChecklistReport } from './types';
import type { Locale } from '../l10n/locale';

export function toChecklistState(report: ChecklistReport, locale: Locale, toUri: (path: string) => string, manualFile?: string): ChecklistState {
  const root = report.roots[0] ?? '';
  const label = (f: string) => {
    const r = relative(root, f);
    return r && !r.startsWith('..') ? r : f;
  };
  return {
    version: 1,
    locale,
    score: report.score,
    failed: report.failed,
    manualFile: manualFile ? toUri(manualFile) : undefined,
    items: report.items.map((item) => {
      const def = checklistItems.find((d) => d.id === item.id)!;
      return {
        id: item.id,
        number: item.number,
        title: item.title,
        status: item.status,
        evaluated: item.evaluated,
        count: item.count,
        summary: item.summary,
        evidence: item.evidence.map((e) => ({
          kind: e.kind,
          uri: toUri(e.file),
          label: label(e.file),
          line: e.line,
          character: e.column,
          message: e.message,
          rule: e.rule,
          negative: e.negative,
          actionId: e.actionId,
        })),
        actions: item.actions.map((a) => ({ id: a.id, kind: a.kind, title: a.title })),
        manual: item.manual,
        rules: item.rules,
        wizardBranch: item.wizardBranch,
        advice: { en: def.advice.en, ko: def.advice.ko, section: def.seedSection[locale] },
      };
    }),
  };
}
