// Rule and race links on diagnostics. The server links the pages bundled in
// the extension (file: URIs under docs/); a plain file link would open the
// markdown source, so the client routes it through goconc.openRuleDocs: the
// page on the docs site when goconc.docs.baseUrl is set and reachable, the
// bundled page in the markdown preview otherwise (offline included).
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

const command = 'goconc.openRuleDocs';

/** A bundled docs page of this extension, as `docs/…` relative path (fragment kept), or undefined. */
export function bundledDocsPath(target: vscode.Uri, extensionUri: vscode.Uri): string | undefined {
  if (target.scheme !== 'file') return undefined;
  const rel = relative(vscode.Uri.joinPath(extensionUri, 'docs').fsPath, target.fsPath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : undefined;
}

/** Rewrites bundled-docs links of goconc diagnostics into command links. */
export function docsLinkMiddleware(extensionUri: vscode.Uri): Middleware {
  return {
    handleDiagnostics(uri, diagnostics, next) {
      for (const d of diagnostics) {
        if (typeof d.code !== 'object' || !d.code.target) continue;
        const rel = bundledDocsPath(d.code.target, extensionUri);
        if (!rel) continue;
        const args = [rel, d.code.target.fragment];
        d.code = { value: d.code.value, target: vscode.Uri.parse(`command:${command}?${encodeURIComponent(JSON.stringify(args))}`) };
      }
      next(uri, diagnostics);
    },
  };
}

/** Whether `url` answers within a short time (a HEAD request); offline → false. */
async function reachable(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

export function registerRuleDocs(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(command, async (rel?: unknown, fragment?: unknown) => {
    if (typeof rel !== 'string' || rel.includes('..') || !/^[\w./-]+\.md$/.test(rel)) return;
    const base = vscode.workspace.getConfiguration('goconc').get<string>('docs.baseUrl', '').trim();
    const anchor = typeof fragment === 'string' && /^[\w-]+$/.test(fragment) ? `#${fragment}` : '';
    if (/^https:\/\//.test(base)) {
      const url = `${base.replace(/\/?$/, '/')}${rel}${anchor}`;
      if (await reachable(url)) {
        await vscode.env.openExternal(vscode.Uri.parse(url));
        return;
      }
    }
    const page = vscode.Uri.joinPath(context.extensionUri, 'docs', ...rel.split('/'));
    await vscode.commands.executeCommand('markdown.showPreview', page);
  });
}
