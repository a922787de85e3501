// Reads the CLI's JSON findings (version 1, as formatJson.ts writes them:
// 1-based lines and columns) back into findings, so a `goconc test --format
// json` run saved in CI can feed `goconc checklist --test-results`.
import type { Finding } from '../engine/finding';
import type { Severity } from '../rules/types';

const severities = new Set<Severity>(['error', 'warning', 'information', 'hint']);

interface JsonPlace {
  file?: unknown;
  line?: unknown;
  column?: unknown;
  endLine?: unknown;
  endColumn?: unknown;
  message?: unknown;
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 1 ? v : fallback);

function rangeOf(p: JsonPlace) {
  const line = num(p.line, 1) - 1;
  const column = num(p.column, 1) - 1;
  return { startLine: line, startColumn: column, endLine: num(p.endLine, line + 1) - 1, endColumn: num(p.endColumn, column + 1) - 1 };
}

/** The findings of a JSON v1 document; throws with what is wrong when it is not one. */
export function readJsonFindings(text: string): Finding[] {
  const doc = JSON.parse(text) as { version?: unknown; findings?: unknown };
  if (doc.version !== 1 || !Array.isArray(doc.findings)) throw new Error('not goconc JSON output (version 1 with a findings list)');
  return doc.findings.flatMap((raw): Finding[] => {
    const f = raw as JsonPlace & { rule?: unknown; severity?: unknown; related?: unknown };
    if (typeof f.rule !== 'string' || typeof f.file !== 'string' || typeof f.message !== 'string') return [];
    const related = Array.isArray(f.related) ? (f.related as JsonPlace[]).filter((r) => typeof r.file === 'string') : [];
    return [
      {
        rule: f.rule,
        severity: severities.has(f.severity as Severity) ? (f.severity as Severity) : 'warning',
        file: f.file,
        range: rangeOf(f),
        message: f.message,
        related: related.map((r) => ({ file: r.file as string, range: rangeOf(r), message: typeof r.message === 'string' ? r.message : '' })),
        fixes: [],
      },
    ];
  });
}
