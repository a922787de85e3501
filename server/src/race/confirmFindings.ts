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
  /** Run-time findings with the static findings (and their rules) they confirm, in the input's order. */
  dynamic: { finding: Finding; confirms: string[]; statics: Finding[] }[];
}

/**
 * Which checklist items a run-time rule's static counterparts feed: a data
 * race answers to the shared-state rules, a blocked or leaked goroutine to
 * the lock, channel, goroutine and context rules.
 */
/** Lock rules whose checklist item is about shared state but whose bug, at run time, is a blocked goroutine. */
const blockingRules = new Set(['lock-order-inversion', 'double-lock', 'lock-copied']);
const isBlocking = (rule: string) => rule === 'deadlock' || rule === 'test-hang' || rule === 'goroutine-leak';

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
function samePlace(staticFinding: Finding, dynamicFinding: Finding, callers: readonly Place[]): boolean {
  const own = (f: Finding) => `${f.file}:${f.range.startLine}`;
  const set = (f: Finding) => new Set(linesOf(f).map((x) => `${x.file}:${x.line}`));
  const dynamicLines = dynamicFinding.rule === 'data-race' ? set(dynamicFinding) : new Set([own(dynamicFinding)]);
  // A blocked goroutine's callers count: double-lock reports the call that re-locks, the run the Lock inside it.
  for (const c of callers) dynamicLines.add(`${c.file}:${c.line}`);
  return dynamicLines.has(own(staticFinding)) || set(staticFinding).has(own(dynamicFinding));
}

/** A file and 0-based line. */
export interface Place {
  file: string;
  line: number;
}

/** `itemOf` names the checklist item a static rule feeds (undefined: unknown rule, never matched). */
export function confirmFindings(
  staticFindings: readonly Finding[],
  dynamicFindings: readonly Finding[],
  itemOf: (rule: string) => ChecklistItemId | undefined,
  /** Per run-time finding (same order): the workspace frames that called its line. */
  callers: readonly (readonly Place[])[] = [],
): Confirmation {
  const by = new Map<Finding, Set<string>>();
  const dynamic = dynamicFindings.map((d, i) => {
    const items = compatibleItems[d.rule] ?? [];
    const matches = staticFindings.filter((s) => {
      const item = itemOf(s.rule);
      const compatible = (item !== undefined && items.includes(item)) || (isBlocking(d.rule) && blockingRules.has(s.rule));
      return compatible && samePlace(s, d, callers[i] ?? []);
    });
    for (const s of matches) (by.get(s) ?? by.set(s, new Set()).get(s)!).add(d.rule);
    return { finding: d, confirms: [...new Set(matches.map((s) => s.rule))], statics: matches };
  });
  return {
    confirmed: staticFindings.filter((s) => by.has(s)).map((s) => ({ finding: s, by: [...by.get(s)!].sort() })),
    gaps: dynamic.filter((d) => d.confirms.length === 0 && d.finding.rule in compatibleItems).map((d) => d.finding),
    dynamic,
  };
}
