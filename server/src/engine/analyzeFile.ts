// Runs the enabled rules over one parsed file and turns their reports into
// findings: severity from settings, message in the user's language,
// suppression comments honoured. A rule that throws is logged and skipped so
// one bug never hides the other rules' results.
import type { Tree } from 'web-tree-sitter';
import type { FileSummary } from '../index/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { format, type Locale } from '../l10n/locale';
import { rangeOf } from '../parse/syntax';
import { rules as allRules } from '../rules/registry';
import type { Report, Rule, RuleMeta } from '../rules/types';
import { runToEnd, type Steps } from '../steps';
import type { Finding } from './finding';
import { appliesToGoVersion, effectiveSeverity, type RuleSettings } from './settings';
import { isSuppressed, suppressionsOf } from './suppressions';

export interface AnalyzeInput {
  path: string;
  text: string;
  tree: Tree;
  summary: FileSummary;
  index: WorkspaceIndex;
  settings?: RuleSettings;
  locale?: Locale;
  rules?: readonly Rule[];
  onRuleError?: (rule: string, err: Error) => void;
}

function metaFor(rule: Rule, id: string | undefined): RuleMeta {
  return (id && rule.variants?.find((v) => v.id === id)) || rule.meta;
}

export function analyzeFile(input: AnalyzeInput): Finding[] {
  return runToEnd(analyzeFileSteps(input));
}

/**
 * The same analysis, pausing (yielding) after each rule, so the language server can answer requests
 * between rules and drop an analysis that a newer version of the file has made useless.
 */
export function* analyzeFileSteps(input: AnalyzeInput): Steps<Finding[]> {
  const { path, text, tree, summary, index } = input;
  const settings = input.settings ?? {};
  const locale = input.locale ?? 'en';
  const pkg = index.packageOf(path);
  const goVersion = pkg.goMod?.goVersion;
  const supp = suppressionsOf(text);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of input.rules ?? allRules) {
    const applicable = [rule.meta, ...(rule.variants ?? [])].some(
      (m) => effectiveSeverity(m, settings) && appliesToGoVersion(m, goVersion),
    );
    if (!applicable) continue;
    const report = (r: Report) => {
      const meta = metaFor(rule, r.ruleId);
      const severity = effectiveSeverity(meta, settings);
      if (!severity || !appliesToGoVersion(meta, goVersion)) return;
      const range = rangeOf(r.node);
      if (isSuppressed(supp, range.startLine, meta.id)) return;
      const key = `${meta.id}:${range.startLine}:${range.startColumn}`;
      if (seen.has(key)) return;
      seen.add(key);
      const text = rule.meta.messages[r.messageId] ?? meta.messages[r.messageId];
      findings.push({
        rule: meta.id,
        // A rule may grade one shape of finding differently; a severity the user chose wins. Editors send the
        // manifest default as if it were set, so a setting equal to the default keeps the graded severities.
        severity: settings[meta.id] && settings[meta.id] !== meta.defaultSeverity ? severity : (r.severity ?? severity),
        file: path,
        range,
        message: text ? format(text, locale, r.args) : r.messageId,
        related: (r.related ?? []).map((rel) => ({
          file: rel.file ?? path,
          range: rel.range,
          message: format(rel.message, locale, rel.args),
        })),
        fixes: (r.fixes ?? []).map((f) => ({
          title: format(f.title, locale),
          edits: f.edits.map((e) => ({ file: path, range: e.range, newText: e.newText })),
        })),
      });
    };
    try {
      rule.check({ path, text, tree, summary, pkg, index, report });
    } catch (err) {
      input.onRuleError?.(rule.meta.id, err as Error);
    }
    yield;
  }
  return findings.sort((a, b) => a.range.startLine - b.range.startLine || a.range.startColumn - b.range.startColumn);
}
