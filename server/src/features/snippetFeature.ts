// Serves snippets/go.json as completions with import edits (see
// snippets/snippetCompletions.ts). The JSON is bundled into the server, so
// the CLI-free server needs no file lookups at run time.
import type { Parser } from 'web-tree-sitter';
import snippets from '../../../snippets/go.json';
import { createGoParser } from '../parse/goParser';
import { snippetCompletions, type SnippetFile } from '../snippets/snippetCompletions';
import type { ServerFeature } from './feature';

export const snippetFeature: ServerFeature = {
  name: 'snippets',
  capabilities: () => ({ completionProvider: { resolveProvider: false } }),
  register(ctx) {
    let parser: Parser | undefined;
    ctx.connection.onCompletion(async ({ textDocument, position }) => {
      const path = ctx.toPath(textDocument.uri);
      if (!path.endsWith('.go')) return [];
      const text = ctx.session.documentText(path);
      if (text === undefined) return [];
      // Only where a declaration or statement can start: not in comments or strings (cheap line test).
      const line = text.split('\n')[position.line] ?? '';
      const before = line.slice(0, position.character);
      if (/\/\/|["`]/.test(before) || !/^\s*\w*$/.test(before)) return [];
      parser ??= await createGoParser();
      return snippetCompletions(parser, snippets as SnippetFile, text);
    });
  },
};
