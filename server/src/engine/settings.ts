// Per-rule severity settings (`goconc.rules.<id>`), shared by server and CLI.
import { compareGoVersions } from '../index/goMod';
import type { RuleMeta, Severity, SeveritySetting } from '../rules/types';

export type RuleSettings = Record<string, SeveritySetting | undefined>;

const valid = new Set(['off', 'hint', 'information', 'warning', 'error']);

export function isSeveritySetting(v: unknown): v is SeveritySetting {
  return typeof v === 'string' && valid.has(v);
}

export function effectiveSeverity(meta: RuleMeta, settings: RuleSettings): Severity | undefined {
  const s = settings[meta.id];
  if (s === 'off') return undefined;
  return s ?? meta.defaultSeverity;
}

/** Whether a rule applies to a module with this `go` directive (unknown → applies). */
export function appliesToGoVersion(meta: RuleMeta, goVersion: string | undefined): boolean {
  if (!goVersion || !meta.goVersion) return true;
  if (meta.goVersion.min && compareGoVersions(goVersion, meta.goVersion.min) < 0) return false;
  if (meta.goVersion.below && compareGoVersions(goVersion, meta.goVersion.below) >= 0) return false;
  return true;
}

export const severityRank: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };
