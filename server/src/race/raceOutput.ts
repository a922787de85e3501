// Race findings in the CLI's shared output shapes (text, JSON v1, SARIF), so
// `goconc race --format sarif` uploads to code scanning like `goconc check`.
import type * as Sarif from 'sarif';
import type { Finding } from '../engine/finding';
import type { Locale } from '../l10n/locale';
import { docsBase, toSarif } from '../output/formatSarif';
import type { ChecklistItemId, RuleMeta, Severity } from '../rules/types';
import { renderFinding, type RaceFinding } from './raceFindings';
import { reportKinds, type ReportKind } from './types';

const severityOf: Record<ReportKind, Severity> = {
  'data-race': 'error',
  'concurrent-map-writes': 'error',
  'concurrent-map-read-write': 'error',
  deadlock: 'error',
  'test-timeout': 'warning',
  'send-on-closed-channel': 'error',
  'close-of-closed-channel': 'error',
  'negative-waitgroup': 'error',
  'unlock-of-unlocked': 'error',
  'goroutine-leak': 'warning',
};

/** The seed checklist item each runtime failure speaks to (the checklist feeds items from this). */
const checklistItemOf: Record<ReportKind, ChecklistItemId> = {
  'data-race': 'shared-state-guarded',
  'concurrent-map-writes': 'shared-state-guarded',
  'concurrent-map-read-write': 'shared-state-guarded',
  deadlock: 'defer-unlock-close',
  'test-timeout': 'context-timeouts',
  'send-on-closed-channel': 'defer-unlock-close',
  'close-of-closed-channel': 'defer-unlock-close',
  'negative-waitgroup': 'goroutines-bounded',
  'unlock-of-unlocked': 'defer-unlock-close',
  // The seed's anti-pattern: a channel never closed (or never received from) leaks the goroutine.
  'goroutine-leak': 'defer-unlock-close',
};

const titles: Record<ReportKind, { en: string; ko: string }> = {
  'data-race': { en: 'Data race (race detector)', ko: '데이터 레이스 (레이스 탐지기)' },
  'concurrent-map-writes': { en: 'fatal error: concurrent map writes', ko: 'fatal error: 맵 동시 쓰기' },
  'concurrent-map-read-write': { en: 'fatal error: concurrent map read and map write', ko: 'fatal error: 맵 동시 읽기/쓰기' },
  deadlock: { en: 'All goroutines are asleep (deadlock)', ko: '모든 고루틴이 잠듦 (교착 상태)' },
  'test-timeout': { en: 'Goroutine blocked when the test timed out', ko: '테스트 시간 초과 때 막혀 있던 고루틴' },
  'send-on-closed-channel': { en: 'Send on closed channel', ko: '닫힌 채널에 보내기' },
  'close-of-closed-channel': { en: 'Close of closed channel', ko: '닫힌 채널 다시 닫기' },
  'negative-waitgroup': { en: 'Negative WaitGroup counter', ko: 'WaitGroup 카운터 음수' },
  'unlock-of-unlocked': { en: 'Unlock of unlocked mutex', ko: '잠기지 않은 뮤텍스 해제' },
  'goroutine-leak': { en: 'Goroutine still running after the tests (leak)', ko: '테스트가 끝난 뒤에도 실행 중인 고루틴 (누수)' },
};

/**
 * How findings are named: `goconc race` keeps its `race/<kind>` ids; `goconc test`
 * uses the rule ids documented under docs/rules/ for the four kinds it is about.
 */
export type RuleIdStyle = 'race' | 'test';

const testRuleIds: Partial<Record<ReportKind, string>> = {
  'data-race': 'data-race',
  'concurrent-map-writes': 'data-race',
  'concurrent-map-read-write': 'data-race',
  deadlock: 'deadlock',
  'test-timeout': 'test-hang',
  'goroutine-leak': 'goroutine-leak',
};

/** The rule ids `goconc test` documents under docs/rules/ (one page each, en and ko). */
export const testRuleIdList = ['data-race', 'deadlock', 'test-hang', 'goroutine-leak'] as const;

export const raceRuleId = (kind: ReportKind, style: RuleIdStyle = 'race') => (style === 'test' ? testRuleIds[kind] : undefined) ?? `race/${kind}`;

/** Pseudo-rule metadata for SARIF's rule table (one entry per id: several kinds share a test rule id). */
export function raceRuleMetas(style: RuleIdStyle = 'race'): RuleMeta[] {
  const seen = new Set<string>();
  return reportKinds
    .filter((k) => {
      const id = raceRuleId(k, style);
      return !seen.has(id) && !!seen.add(id);
    })
    .map((k) => ({
      id: raceRuleId(k, style),
      title: titles[k],
      description: titles[k],
      defaultSeverity: severityOf[k],
      category: 'race',
      checklistItem: checklistItemOf[k],
      fixable: false,
      messages: {},
    }));
}

/** A source line as text, when it can be read (for the statement's start and end columns). */
export type LineReader = (path: string, line: number) => string | undefined;

/** From the first non-blank character to the end of the line, as editors mark a statement. */
function lineRange(readLine: LineReader | undefined, path: string, line: number) {
  const text = readLine?.(path, line) ?? '';
  return { startLine: line, startColumn: /^[ \t]*/.exec(text)![0].length, endLine: line, endColumn: text.length };
}

export function raceSeverity(kind: ReportKind): Severity {
  return severityOf[kind];
}

export function toOutputFindings(findings: RaceFinding[], locale: Locale, readLine?: LineReader, style: RuleIdStyle = 'race'): Finding[] {
  return findings.map((f) => {
    const r = renderFinding(f, locale);
    return {
      rule: raceRuleId(f.kind, f.byTestRun ? 'test' : style),
      severity: severityOf[f.kind],
      file: f.site.path,
      range: lineRange(readLine, f.site.path, f.site.line),
      message: r.message,
      related: r.related.map((x) => ({ file: x.path, range: lineRange(readLine, x.path, x.line), message: x.message })),
      fixes: [],
    };
  });
}

/** The docs for a report kind: the rule's page for goconc test's ids, else docs/race.md's anchor for the kind. */
export function raceDocsUrl(kind: ReportKind, style: RuleIdStyle = 'race'): string {
  const id = raceRuleId(kind, style);
  if (!id.startsWith('race/')) return `${docsBase}${id}.md`;
  return `${docsBase.replace(/rules\/$/, '')}race.md#${kind}`;
}

/** SARIF for code scanning, with each kind's help link pointing at its docs. */
export function raceSarif(findings: RaceFinding[], root: string, locale: Locale, readLine?: LineReader, style: RuleIdStyle = 'race'): Sarif.Log {
  const log = toSarif(toOutputFindings(findings, locale, readLine, style), raceRuleMetas(style), root, locale);
  const kindOf = new Map(reportKinds.map((k) => [raceRuleId(k, style), k]));
  for (const rule of log.runs[0]?.tool.driver.rules ?? []) rule.helpUri = raceDocsUrl(kindOf.get(rule.id) ?? 'data-race', style);
  return log;
}
