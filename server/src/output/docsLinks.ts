// Where a diagnostic's rule link points. The rule pages ship inside the
// extension (docs/rules/<id>.md, docs/rules/ko/<id>.md), so the link is the
// bundled file: it works offline and in every LSP client. The VS Code client
// turns these links into a markdown preview, or the published page when a
// docs site is configured and reachable (see client/src/ruleDocs.ts).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../l10n/locale';

let root: string | undefined;

/** The extension (or repository) root: the folder above this bundle holding docs/rules. */
export function docsRoot(start = __dirname): string {
  if (root) return root;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'docs', 'rules'))) return (root = dir);
    if (dirname(dir) === dir) return (root = join(start, '..'));
  }
}

/** docs/<rel>, in Korean when that page exists and the UI is Korean. */
function localized(rel: string, locale: Locale): string {
  const base = docsRoot();
  if (locale === 'ko') {
    const ko = rel.startsWith('rules/') ? join(base, 'docs', 'rules', 'ko', rel.slice('rules/'.length)) : join(base, 'docs', 'ko', rel);
    if (existsSync(ko)) return ko;
  }
  return join(base, 'docs', rel);
}

/** The bundled page of a rule, as a file: URI. */
export function ruleDocsUri(rule: string, locale: Locale): string {
  return pathToFileURL(localized(`rules/${rule}.md`, locale)).toString();
}

/** The bundled race report page, at the section of a report kind. */
export function raceDocsUri(kind: string, locale: Locale): string {
  return `${pathToFileURL(localized('race.md', locale)).toString()}#${kind}`;
}
