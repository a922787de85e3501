// Turns the engine's report into goconc findings: the user's severity
// settings and `//goconc:ignore` comments applied, positions converted from
// the go command's 1-based byte columns to LSP's 0-based UTF-16 ones.
import { readFileSync } from 'node:fs';
import type { Finding } from '../engine/finding';
import { effectiveSeverity, type RuleSettings } from '../engine/settings';
import { isSuppressed, suppressionsOf } from '../engine/suppressions';
import type { SourceRange } from '../parse/syntax';
import { ruleMeta } from '../rules/registry';
import type { EngineFinding, EngineReport } from './protocol';

/** Reads a file's current text (an open editor buffer first); undefined when unreadable. */
export type TextOf = (file: string) => string | undefined;

export const diskText: TextOf = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

class Lines {
  private readonly cache = new Map<string, string[] | undefined>();
  constructor(private readonly textOf: TextOf) {}
  /** 0-based UTF-16 column of a 1-based byte column on a 1-based line. */
  column(file: string, line: number, byteCol: number): number {
    let lines = this.cache.get(file);
    if (!this.cache.has(file)) {
      lines = this.textOf(file)?.split('\n');
      this.cache.set(file, lines);
    }
    const text = lines?.[line - 1];
    if (text === undefined) return Math.max(0, byteCol - 1);
    return Buffer.from(text, 'utf8').subarray(0, Math.max(0, byteCol - 1)).toString('utf8').length;
  }
  text(file: string): string | undefined {
    if (!this.cache.has(file)) this.cache.set(file, this.textOf(file)?.split('\n'));
    return this.cache.get(file)?.join('\n');
  }
}

function range(lines: Lines, file: string, l1: number, c1: number, l2: number, c2: number): SourceRange {
  return {
    startLine: Math.max(0, l1 - 1),
    startColumn: lines.column(file, l1, c1),
    endLine: Math.max(0, l2 - 1),
    endColumn: lines.column(file, l2, c2),
  };
}

export function engineFindings(report: EngineReport, settings: RuleSettings, textOf: TextOf = diskText): Finding[] {
  const lines = new Lines(textOf);
  const supp = new Map<string, Map<number, Set<string>>>();
  const out: Finding[] = [];
  for (const f of report.findings) {
    const meta = ruleMeta(f.rule);
    if (!meta) continue;
    const sev = effectiveSeverity(meta, settings);
    if (!sev) continue;
    if (!supp.has(f.file)) supp.set(f.file, suppressionsOf(lines.text(f.file) ?? ''));
    if (isSuppressed(supp.get(f.file)!, f.line - 1, f.rule)) continue;
    out.push(toFinding(f, lines, settings[f.rule] && settings[f.rule] !== meta.defaultSeverity ? sev : f.severity));
  }
  return out;
}

function toFinding(f: EngineFinding, lines: Lines, severity: Finding['severity']): Finding {
  return {
    rule: f.rule,
    severity,
    file: f.file,
    range: range(lines, f.file, f.line, f.column, f.endLine, f.endColumn),
    message: f.message,
    related: f.related.map((r) => ({ file: r.file, range: range(lines, r.file, r.line, r.column, r.line, r.column), message: r.message })),
    fixes: f.fixes.map((x) => ({
      title: x.message,
      edits: x.edits.map((e) => ({ file: e.file, range: range(lines, e.file, e.line, e.column, e.endLine, e.endColumn), newText: e.newText })),
    })),
  };
}
