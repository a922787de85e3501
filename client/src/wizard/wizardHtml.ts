// The wizard panel's HTML shell: strict CSP with a per-render nonce, local
// resources only, VS Code theme variables in the CSS. Pure, so the browser
// test renders exactly what the extension serves.
import { newNonce } from '../checklist/checklistHtml';

export interface WizardHtmlResources {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
  lang: string;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function wizardHtml(r: WizardHtmlResources, nonce = newNonce()): string {
  const csp = ["default-src 'none'", `style-src ${r.cspSource}`, `font-src ${r.cspSource}`, `img-src ${r.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(r.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(r.styleUri)}">
<title>${escapeAttr(r.title)}</title>
</head>
<body>
<main id="app" aria-busy="true">
  <nav id="crumbs" class="crumbs" aria-label="breadcrumb"></nav>
  <p id="context" class="context"></p>
  <section id="node" class="node" aria-live="polite"></section>
  <section id="generator" class="generator" hidden>
    <fieldset id="patterns" class="patterns"></fieldset>
    <form id="form" class="form" autocomplete="off"></form>
    <div id="errors" class="errors" role="alert"></div>
    <h3 id="preview-title"></h3>
    <pre id="preview" class="preview" tabindex="0" aria-labelledby="preview-title"></pre>
    <ul id="notes" class="notes"></ul>
    <div id="result" class="result" role="status" hidden></div>
    <pre id="check" class="check" hidden></pre>
    <div class="actions">
      <label class="check"><input type="checkbox" id="with-test"> <span id="with-test-label"></span></label>
      <button type="button" id="insert" class="primary"></button>
      <button type="button" id="create"></button>
    </div>
  </section>
  <div id="live" class="sr-only" role="status" aria-live="polite"></div>
</main>
<script nonce="${nonce}" src="${escapeAttr(r.scriptUri)}"></script>
</body>
</html>`;
}
