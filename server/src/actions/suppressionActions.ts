// Two code actions on every goconc diagnostic, besides its fixes: "Ignore
// here" writes the documented suppression comment (`//goconc:ignore <rule>
// <reason>`) on its own line above the finding, indented like it, with a
// reason for the user to replace; "Change severity for this rule" runs the
// client's goconc.changeRuleSeverity, which updates `goconc.rules.<id>`.
// Pure: the caller passes the file's text.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { Locale, LocalText } from '../l10n/locale';

const t = {
  ignore: { en: 'Ignore {rule} here (//goconc:ignore)', ko: '여기서 {rule} 무시 (//goconc:ignore)' },
  reason: { en: 'TODO: why this is safe', ko: 'TODO: 안전한 이유' },
  severity: { en: 'Change severity for {rule}…', ko: '{rule} 의 심각도 변경…' },
} satisfies Record<string, LocalText>;

const fill = (text: LocalText, locale: Locale, rule: string) => text[locale].replace('{rule}', rule);

export const changeSeverityCommand = 'goconc.changeRuleSeverity';

export interface SuppressionTarget {
  uri: string;
  rule: string;
  /** 0-based line of the finding. */
  line: number;
  diagnostic: Diagnostic;
}

/** The comment line to insert above `lineText` (same indentation). */
export function ignoreComment(lineText: string, rule: string, reason: string): string {
  const indent = /^[ \t]*/.exec(lineText)![0];
  return `${indent}//goconc:ignore ${rule} ${reason}\n`;
}

export function suppressionActions(target: SuppressionTarget, lineText: string | undefined, locale: Locale): CodeAction[] {
  const actions: CodeAction[] = [];
  if (lineText !== undefined) {
    actions.push({
      title: fill(t.ignore, locale, target.rule),
      kind: CodeActionKind.QuickFix,
      diagnostics: [target.diagnostic],
      edit: { changes: { [target.uri]: [{ range: { start: { line: target.line, character: 0 }, end: { line: target.line, character: 0 } }, newText: ignoreComment(lineText, target.rule, t.reason[locale]) }] } },
    });
  }
  actions.push({
    title: fill(t.severity, locale, target.rule),
    kind: CodeActionKind.QuickFix,
    diagnostics: [target.diagnostic],
    command: { title: fill(t.severity, locale, target.rule), command: changeSeverityCommand, arguments: [target.rule] },
  });
  return actions;
}
