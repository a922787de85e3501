// The checklist headless: text for terminals, Markdown for a PR comment and
// JSON for tools. Locations are 1-based, as in `goconc check`.
import { relative } from 'node:path';
import type { ChecklistReport, ChecklistStatus } from '../checklist/types';
import { format, type Locale, type LocalText } from '../l10n/locale';

const statusWord: Record<ChecklistStatus, LocalText> = {
  pass: { en: 'pass', ko: '통과' },
  fail: { en: 'FAIL', ko: '실패' },
  warn: { en: 'warn', ko: '경고' },
  'n/a': { en: 'n/a', ko: '해당 없음' },
  'needs review': { en: 'needs review', ko: '검토 필요' },
};
const statusMark: Record<ChecklistStatus, string> = { pass: '✅', fail: '❌', warn: '⚠️', 'n/a': '➖', 'needs review': '👀' };
const heading: LocalText = { en: 'goconc checklist: {passed}/{applicable} pass', ko: 'goconc 체크리스트: {passed}/{applicable} 통과' };
const noteLabel: LocalText = { en: 'note', ko: '메모' };

function relTo(base: string) {
  return (f: string) => {
    const r = relative(base, f);
    return r.startsWith('..') || r === '' ? f : r;
  };
}

export function checklistToText(report: ChecklistReport, cwd: string, locale: Locale): string {
  const rel = relTo(cwd);
  const lines = [format(heading, locale, report.score)];
  for (const item of report.items) {
    lines.push(`${item.number}. [${statusWord[item.status][locale]}] ${item.title} — ${item.summary}`);
    if (item.manual?.note) lines.push(`     ${noteLabel[locale]}: ${item.manual.note}`);
    for (const e of item.evidence) lines.push(`     ${rel(e.file)}:${e.line + 1}:${e.column + 1}: ${e.message}`);
  }
  return lines.join('\n');
}

export function checklistToMarkdown(report: ChecklistReport, locale: Locale): string {
  const rel = relTo(report.roots[0] ?? '');
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [`### ${format(heading, locale, report.score)}`, '', '| # | | Item | Status | Details |', '| --- | --- | --- | --- | --- |'];
  for (const item of report.items) {
    lines.push(`| ${item.number} | ${statusMark[item.status]} | ${cell(item.title)} | ${statusWord[item.status][locale]} | ${cell(item.summary)} |`);
  }
  const withEvidence = report.items.filter((i) => i.evidence.length > 0 || i.manual?.note);
  for (const item of withEvidence) {
    lines.push('', `<details><summary>${item.number}. ${cell(item.title)} (${item.evidence.length})</summary>`, '');
    if (item.manual?.note) lines.push(`> ${noteLabel[locale]}: ${item.manual.note}`, '');
    for (const e of item.evidence) lines.push(`- \`${rel(e.file)}:${e.line + 1}\` ${e.message}`);
    lines.push('', '</details>');
  }
  return lines.join('\n');
}

/** JSON with 1-based lines and columns and absolute paths. */
export function checklistToJson(report: ChecklistReport): unknown {
  return {
    ...report,
    items: report.items.map((i) => ({
      ...i,
      evidence: i.evidence.map((e) => ({ ...e, line: e.line + 1, column: e.column + 1 })),
      actions: i.actions.map((a) => (a.kind === 'add-race' ? { ...a, edit: { ...a.edit, line: a.edit.line + 1, column: a.edit.column + 1 } } : a)),
    })),
  };
}
