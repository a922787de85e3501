// The list of rules. Nothing else in goconc knows a rule by name. Every rule
// now runs in the Go engine (listed in goRules.ts); `rules` — checks run in
// TypeScript — is empty, and stays as the seam the server's analysis uses.
import { goRuleMetas } from './goRules';
import type { Rule, RuleMeta } from './types';

export const rules: readonly Rule[] = [];

/** Every reportable id with its metadata, variants and the Go engine's rules included. */
export function allRuleMetas(): RuleMeta[] {
  return [...goRuleMetas, ...rules.flatMap((r) => [r.meta, ...(r.variants ?? [])])];
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas().find((m) => m.id === id);
}
