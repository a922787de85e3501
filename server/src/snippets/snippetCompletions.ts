// The snippets of snippets/go.json as completion items. VS Code's own snippet
// contribution inserts text only, so `selecttimeout` used `context` and `time`
// without importing them and the file stopped building; served from here,
// each item carries the import edits (additionalTextEdits) the file lacks.
// Pure: the feature file feeds it the document and the parser.
import type { Parser, Tree } from 'web-tree-sitter';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseGo } from '../parse/goParser';
import { defaultPackageName, planImports } from '../scaffold/imports';

export interface SnippetDef {
  prefix: string[];
  body: string[];
  description: string;
  /** Import paths the expanded body uses. */
  imports?: string[];
}

export type SnippetFile = Record<string, SnippetDef>;

/** The body as the user sees it in the completion details: placeholders replaced by their defaults. */
export function snippetPreview(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:((?:\\.|[^\\}])*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** The import edit for `snippet` in `text`, and the names the file uses for those packages. */
export function importEdits(tree: Tree, text: string, imports: readonly string[]): { edits: TextEdit[]; renames: Map<string, string> } {
  if (imports.length === 0) return { edits: [], renames: new Map() };
  {
    const plan = planImports(text, tree, imports.map((path) => ({ path, name: defaultPackageName(path) })));
    const renames = new Map<string, string>();
    for (const path of imports) {
      const name = plan.names.get(path);
      if (name && name !== defaultPackageName(path)) renames.set(defaultPackageName(path), name);
    }
    if (!plan.edit) return { edits: [], renames };
    const doc = TextDocument.create('file:///x.go', 'go', 0, text);
    return { edits: [{ range: { start: doc.positionAt(plan.edit.start), end: doc.positionAt(plan.edit.end) }, newText: plan.edit.newText }], renames };
  }
}

/** Completion items for every snippet, with the imports `text` lacks as additional edits. */
export function snippetCompletions(parser: Parser, snippets: SnippetFile, text: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  const tree = parseGo(parser, text);
  try {
    for (const [name, s] of Object.entries(snippets)) items.push(...itemsFor(name, s, importEdits(tree, text, s.imports ?? [])));
  } finally {
    tree.delete();
  }
  return items;
}

function itemsFor(name: string, s: SnippetDef, { edits, renames }: { edits: TextEdit[]; renames: Map<string, string> }): CompletionItem[] {
  const items: CompletionItem[] = [];
  {
    // A file that imports another package under the same name gets the standard one aliased: use the alias.
    let body = s.body.join('\n');
    for (const [from, to] of renames) body = body.replace(new RegExp(`\\b${from}\\.`, 'g'), `${to}.`);
    for (const prefix of s.prefix) {
      items.push({
        label: prefix,
        kind: CompletionItemKind.Snippet,
        detail: `${name} (goconc)`,
        documentation: { kind: MarkupKind.Markdown, value: `${s.description}\n\n\`\`\`go\n${snippetPreview(s.body)}\n\`\`\`${s.imports?.length ? `\n\nimports: ${s.imports.join(', ')}` : ''}` },
        insertText: body,
        insertTextFormat: InsertTextFormat.Snippet,
        ...(edits.length > 0 ? { additionalTextEdits: edits } : {}),
        // Sort after the language's own completions, as contributed snippets do.
        sortText: `~${prefix}`,
      });
    }
  }
  return items;
}
