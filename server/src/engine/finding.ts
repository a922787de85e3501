// A finding as every front end sees it (LSP, CLI, checklist): resolved
// severity, localised message, absolute paths, 0-based ranges.
import type { SourceRange } from '../parse/syntax';
import type { Severity } from '../rules/types';

export interface FindingEdit {
  file: string;
  range: SourceRange;
  newText: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  range: SourceRange;
  message: string;
  related: { file: string; range: SourceRange; message: string }[];
  fixes: { title: string; edits: FindingEdit[] }[];
}
