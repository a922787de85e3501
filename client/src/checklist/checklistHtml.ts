// The checklist webview's HTML shell: a strict CSP with a per-render nonce,
// local resources only (webview URIs), VS Code theme variables in the CSS.
// Pure so the browser test renders exactly what the extension serves.
import { randomBytes } from 'node:crypto';

export interface ChecklistHtmlResources {
  /** `webview.cspSource` (or, in the browser test, the file: origin). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  title: string;
  lang: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function checklistHtml(r: ChecklistHtmlResources, nonce = newNonce()): string {
  const csp = [
    "default-src 'none'",
    `style-src ${r.cspSource}`,
    `font-src ${r.cspSource}`,
    `img-src ${r.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(r.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(r.codiconUri)}">
<link rel="stylesheet" href="${escapeAttr(r.styleUri)}">
<title>${escapeAttr(r.title)}</title>
</head>
<body>
<main id="app" aria-busy="true">
  <header class="header">
    <h1 id="score" class="score"></h1>
    <button id="refresh" class="icon-button" type="button"><span class="codicon codicon-refresh" aria-hidden="true"></span><span class="sr-only" id="refresh-label"></span></button>
  </header>
  <p id="message" class="message"></p>
  <ol id="items" class="items" aria-labelledby="score"></ol>
  <div id="live" class="sr-only" role="status" aria-live="polite"></div>
</main>
<script nonce="${nonce}" src="${escapeAttr(r.scriptUri)}"></script>
</body>
</html>`;
}
