// The CLI's JSON shape (version 1): 1-based lines and columns, absolute paths.
import type { Finding } from '../engine/finding';

export interface JsonFinding {
  rule: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  related: { file: string; line: number; column: number; message: string }[];
}

export function toJsonFindings(findings: Finding[]): { version: 1; findings: JsonFinding[] } {
  return {
    version: 1,
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      file: f.file,
      line: f.range.startLine + 1,
      column: f.range.startColumn + 1,
      endLine: f.range.endLine + 1,
      endColumn: f.range.endColumn + 1,
      message: f.message,
      related: f.related.map((r) => ({ file: r.file, line: r.range.startLine + 1, column: r.range.startColumn + 1, message: r.message })),
    })),
  };
}
