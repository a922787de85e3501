// The list of rules. Nothing else in goconc knows a rule by name. `rules` run
// here in TypeScript; the Go engine's rules are listed in goRules.ts.
import { advisoryLockPooledConn } from './advisoryLockPooledConn';
import { lockTtlShorterThanWork } from './lockTtlShorterThanWork';
import { goRuleMetas } from './goRules';
import type { Rule, RuleMeta } from './types';

export const rules: readonly Rule[] = [
  advisoryLockPooledConn,
  lockTtlShorterThanWork,
];

/** Every reportable id with its metadata, variants and the Go engine's rules included. */
export function allRuleMetas(): RuleMeta[] {
  return [...goRuleMetas, ...rules.flatMap((r) => [r.meta, ...(r.variants ?? [])])];
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas().find((m) => m.id === id);
}
