// SARIF 2.1.0 as GitHub code scanning accepts it: one run, the rules as
// reportingDescriptors with help links, results with related locations and
// artifact URIs relative to the scanned root (uriBaseId %SRCROOT%).
import { relative, sep } from 'node:path';
import type * as Sarif from 'sarif';
import type { Finding } from '../engine/finding';
import { format, type Locale } from '../l10n/locale';
import type { SourceRange } from '../parse/syntax';
import type { RuleMeta, Severity } from '../rules/types';

const levels: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export const docsBase = 'https://github.com/goconc/goconc/blob/main/docs/rules/';

function uriOf(file: string, root: string): string {
  const rel = relative(root, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}

function regionOf(r: SourceRange): Sarif.Region {
  return { startLine: r.startLine + 1, startColumn: r.startColumn + 1, endLine: r.endLine + 1, endColumn: r.endColumn + 1 };
}

export function toSarif(findings: Finding[], metas: RuleMeta[], root: string, locale: Locale, toolName = 'goconc', version = '0.1.0'): Sarif.Log {
  const ruleIndex = new Map(metas.map((m, i) => [m.id, i]));
  const location = (file: string, range: SourceRange): Sarif.Location => ({
    physicalLocation: { artifactLocation: { uri: uriOf(file, root), uriBaseId: '%SRCROOT%' }, region: regionOf(range) },
  });
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: toolName,
            version,
            informationUri: 'https://github.com/goconc/goconc',
            rules: metas.map((m) => ({
              id: m.id,
              name: m.id.replace(/(^|-)(\w)/g, (_s, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: format(m.title, locale) },
              fullDescription: { text: format(m.description, locale) },
              helpUri: `${docsBase}${m.id}.md`,
              defaultConfiguration: { level: levels[m.defaultSeverity] },
              properties: { tags: ['concurrency', m.category] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${root.split(sep).join('/')}/` } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule)! } : {}),
          level: levels[f.severity],
          message: { text: f.message },
          locations: [location(f.file, f.range)],
          ...(f.related.length > 0
            ? { relatedLocations: f.related.map((r, i) => ({ id: i, ...location(r.file, r.range), message: { text: r.message } })) }
            : {}),
          partialFingerprints: { primaryLocationLineHash: `${f.rule}:${uriOf(f.file, root)}:${f.range.startLine + 1}` },
        })),
      },
    ],
  };
}
