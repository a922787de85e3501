// Static findings seen again at run time: a `goconc check` finding and a
// `goconc test` finding at the same place (same file, and the line of one is
// a line of the other: the finding's own line or one of its related
// locations) about the same kind of problem. Matches mark the static finding
// "confirmed at run time"; run-time findings with no static counterpart are
// the static analysis's gaps, listed as such in the checklist's evidence.
import type { Finding } from '../engine/finding';
import type { ChecklistItemId } from '../rules/types';

export interface ConfirmedFinding {
  finding: Finding;
  /** The run-time rule ids that saw it (e.g. data-race, goroutine-leak). */
  by: string[];
}

export interface Confirmation {
  confirmed: ConfirmedFinding[];
  /** Run-time findings no static finding speaks to. */
  gaps: Finding[];
  /** Run-time findings with the static rules they confirm (same order as the input). */
  dynamic: { finding: Finding; confirms: string[] }[];
}

/**
 * Which checklist items a run-time rule's static counterparts feed: a data
 * race answers to the shared-state rules, a blocked or leaked goroutine to
 * the lock, channel, goroutine and context rules.
 */
const compatibleItems: Record<string, ChecklistItemId[]> = {
  'data-race': ['shared-state-guarded'],
  deadlock: ['defer-unlock-close', 'goroutines-bounded', 'context-timeouts'],
  'test-hang': ['defer-unlock-close', 'goroutines-bounded', 'context-timeouts'],
  'goroutine-leak': ['defer-unlock-close', 'goroutines-bounded', 'context-timeouts'],
};

const linesOf = (f: Finding) => [{ file: f.file, line: f.range.startLine }, ...f.related.map((r) => ({ file: r.file, line: r.range.startLine }))];

/**
 * The static finding's line is the run-time finding's line or, for a data
 * race, its other access; or the run-time finding's line is one of the static
 * finding's related locations. A deadlock's related locations are the other
 * blocked goroutines: too loose to count.
 */
function samePlace(staticFinding: Finding, dynamicFinding: Finding): boolean {
  const own = (f: Finding) => `${f.file}:${f.range.startLine}`;
  const set = (f: Finding) => new Set(linesOf(f).map((x) => `${x.file}:${x.line}`));
  const dynamicLines = dynamicFinding.rule === 'data-race' ? set(dynamicFinding) : new Set([own(dynamicFinding)]);
  return dynamicLines.has(own(staticFinding)) || set(staticFinding).has(own(dynamicFinding));
}

/** `itemOf` names the checklist item a static rule feeds (undefined: unknown rule, never matched). */
export function confirmFindings(staticFindings: readonly Finding[], dynamicFindings: readonly Finding[], itemOf: (rule: string) => ChecklistItemId | undefined): Confirmation {
  const by = new Map<Finding, Set<string>>();
  const dynamic = dynamicFindings.map((d) => {
    const items = compatibleItems[d.rule] ?? [];
    const matches = staticFindings.filter((s) => {
      const item = itemOf(s.rule);
      return item !== undefined && items.includes(item) && samePlace(s, d);
    });
    for (const s of matches) (by.get(s) ?? by.set(s, new Set()).get(s)!).add(d.rule);
    return { finding: d, confirms: [...new Set(matches.map((s) => s.rule))] };
  });
  return {
    confirmed: staticFindings.filter((s) => by.has(s)).map((s) => ({ finding: s, by: [...by.get(s)!].sort() })),
    gaps: dynamic.filter((d) => d.confirms.length === 0 && d.finding.rule in compatibleItems).map((d) => d.finding),
    dynamic,
  };
}
