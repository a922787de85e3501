// The Go engine's protocol, typed once on this side (the Go side is
// engine/driver/findings.go and engine/cmd/goconc-engine/serve.go). Positions
// are 1-based with byte columns, as the go command prints them.
import type { Locale } from '../l10n/locale';

export interface EngineRelated {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface EngineEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface EngineFix {
  message: string;
  edits: EngineEdit[];
}

export type EngineSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface EngineFinding {
  rule: string;
  severity: EngineSeverity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  related: EngineRelated[];
  fixes: EngineFix[];
}

export interface EngineLoadError {
  package: string;
  message: string;
}

export interface EngineReport {
  version: 1;
  findings: EngineFinding[];
  errors: EngineLoadError[];
  /** True when the engine replayed the package's recorded go vet plan instead of running the go command (editor checks of one package). */
  replayed?: boolean;
}

export interface CheckParams {
  /** Checks with the same key cancel each other: the latest wins. */
  key?: string;
  dir: string;
  patterns: string[];
  overlay?: Record<string, string>;
  tags?: string;
  /** Language of messages, related information and fix titles (the engine translates its English ones); English when absent. */
  lang?: Locale;
}

export type EngineRequest =
  | { id: number; method: 'check'; params: CheckParams }
  | { id: number; method: 'cancel'; params: { id: number } }
  | { id: number; method: 'shutdown' };

export type EngineResponse = { id: number; result: EngineReport } | { id: number; error: string };

/** Narrows a parsed line from the engine; anything else is a protocol error. */
export function isEngineResponse(v: unknown): v is EngineResponse {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.id !== 'number') return false;
  if (typeof r.error === 'string') return true;
  return isEngineReport(r.result);
}

export function isEngineReport(v: unknown): v is EngineReport {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return r.version === 1 && Array.isArray(r.findings) && Array.isArray(r.errors) && (r.replayed === undefined || typeof r.replayed === 'boolean');
}
