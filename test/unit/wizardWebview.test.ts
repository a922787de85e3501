// The wizard webview in a real browser (Debian Chromium via playwright-core):
// the HTML the extension serves, its bundled script and CSS, fed the real
// catalog. Walks a tree with the keyboard, checks the leaf's reasons and the
// preview (real generator output), the CSP (nothing remote), that every
// message the page posts passes the host's validator, and that malformed host
// messages are ignored. Screenshots go to test-output/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { parsePageMessage, type HostMessage, type WizardStrings } from '../../client/src/wizard/messages';
import { wizardHtml } from '../../client/src/wizard/wizardHtml';
import { skipWithoutChromium, WebviewHarness, type OpenedPage } from '../support/webviewHarness';
import { wizardCatalog } from '../../server/src/features/wizardFeature';
import type { WizardPreview } from '../../server/src/protocol';
import { renderFile } from '../../server/src/scaffold/render';
import { scaffold } from '../../server/src/scaffold/scaffold';

const root = join(__dirname, '..', '..');
const out = join(root, 'test-output');
const catalog = wizardCatalog('en');

const strings: WizardStrings = {
  title: 'Which concurrency pattern fits?', back: 'Back', restart: 'Start over', why: 'Why', tradeoffs: 'Trade-offs', pitfalls: 'Pitfalls',
  pattern: 'Generate', options: 'Options', preview: 'Preview', insert: 'Insert', createFile: 'Create file', withTest: 'Also create its test',
  notes: 'Notes', dependencies: 'Needs', dependencyMissing: 'not in go.mod yet', noEditor: 'Open a Go file to insert into', context: 'At the cursor',
  contextOnly: 'Put the cursor on the code it rewrites to use this.', noGenerator: 'No generator for this leaf yet.', working: 'Generating…', goVersion: 'Go',
  recommended: 'recommended', undo: 'Undo', checking: 'Type-checking…',
};

const theme: Record<string, string> = {
  '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f', '--vscode-descriptionForeground': '#9d9d9d', '--vscode-font-family': 'sans-serif',
  '--vscode-font-size': '13px', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff', '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc', '--vscode-textLink-foreground': '#4daafc', '--vscode-errorForeground': '#f85149', '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-focusBorder': '#0078d4', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc', '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-editor-font-family': 'monospace', '--vscode-editor-font-size': '13px', '--vscode-panel-border': '#2b2b2b',
};

function previewFor(pattern: string, answers: Record<string, string>): WizardPreview {
  const r = scaffold(pattern, answers, { packageName: 'shop', goVersion: '1.22' }, 'en');
  if (!r.ok) return { ok: false, errors: r.errors, preview: '', edits: [], notes: [], dependencies: [] };
  return { ok: true, errors: [], preview: renderFile('shop', r.generated.code, r.generated.imports), edits: [], notes: r.generated.notes.map((n) => n.en), dependencies: r.generated.dependencies.map((d) => ({ module: d.module, why: d.why.en, missing: true })) };
}

describe('wizard webview in Chromium', { skip: skipWithoutChromium }, () => {
  let web: WebviewHarness;

  before(async () => {
    mkdirSync(out, { recursive: true });
    assert.ok(existsSync(join(root, 'dist', 'wizardView.js')), 'run `node esbuild.mjs` first');
    web = await WebviewHarness.start((origin) =>
      wizardHtml({ cspSource: origin, scriptUri: `${origin}/dist/wizardView.js`, styleUri: `${origin}/media/wizard.css`, title: 'wizard', lang: 'en' }),
    );
  });
  after(async () => {
    await web?.close();
  });

  async function openPage(init: Partial<Extract<HostMessage, { type: 'init' }>> = {}): Promise<OpenedPage> {
    const opened = await web.open({ width: 900, height: 1000 }, theme);
    const message: HostMessage = { type: 'init', catalog, context: { kind: 'none', goVersion: '1.22', packageName: 'shop' }, start: '', strings, canInsert: true, ...init };
    await opened.page.evaluate((m) => window.postMessage(m, '*'), message);
    await opened.page.waitForSelector('#app[aria-busy="false"]');
    return opened;
  }
  const posted = (page: Page) => web.posted(page);

  /** Answers the page's latest preview request with real generator output. */
  async function answerPreview(page: Page): Promise<void> {
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'preview'));
    const last = (await posted(page)).filter((m) => m.type === 'preview').at(-1)!;
    const result = previewFor(last.pattern as string, last.answers as Record<string, string>);
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'preview', requestId: last.requestId, result } as HostMessage);
  }

  it('walks the shared-state tree with the keyboard to a leaf with reasons, pitfalls and a preview', async () => {
    const { page, console: lines } = await openPage();
    assert.deepEqual(await page.locator('button.option').allTextContents(), catalog.trees.map((t) => t.title));
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), catalog.trees[0]!.title, 'first option focused');
    await page.keyboard.press('Enter'); // Shared state → question
    await page.waitForSelector('h1:text("Do goroutines share state?")');
    await page.keyboard.press('Tab'); // "Yes"
    await page.keyboard.press('Enter');
    await page.waitForSelector('h1:text("What is shared, and how is it used?")');
    await page.keyboard.press('Enter'); // read-heavy → RWMutex leaf
    await page.waitForSelector('.pitfalls li');
    const leaf = catalog.nodes['shared-state/rwmutex']!;
    assert.equal(await page.locator('#node h1').textContent(), leaf.title);
    assert.equal(await page.locator('.pitfalls li').count(), leaf.kind === 'leaf' ? leaf.pitfalls.length : -1);
    assert.deepEqual(await page.locator('.trail li').allTextContents(), ['Do goroutines share state?', 'What is shared, and how is it used?', leaf.title]);
    // The context-aware generator is disabled without a struct under the cursor.
    assert.equal(await page.locator('input[value="struct-guard"]').isDisabled(), true);
    // Go 1.22 has generics: the pre-1.18 key/value type questions are not asked.
    assert.equal(await page.locator('#param-key').count(), 0);
    assert.equal(await page.locator('#param-name').count(), 1);
    await answerPreview(page);
    await page.waitForFunction(() => document.getElementById('preview')!.textContent!.includes('RWMutex'));
    await page.locator('#param-name').fill('Sessions');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; answers?: { name?: string } }[] }).__posted.some((m) => m.type === 'preview' && m.answers?.name === 'Sessions'));
    await answerPreview(page);
    await page.waitForFunction(() => document.getElementById('preview')!.textContent!.includes('type Sessions[K comparable, V any] struct'));
    assert.equal(await page.locator('#insert').isEnabled(), true);
    await page.screenshot({ path: join(out, 'wizard-webview-leaf.png'), fullPage: true });
    await page.locator('#insert').focus();
    await page.keyboard.press('Enter');
    const apply = (await posted(page)).at(-1)!;
    const shownId = (await posted(page)).filter((m) => m.type === 'preview').at(-1)!.requestId;
    assert.deepEqual(apply, { type: 'apply', requestId: shownId, pattern: 'rwmutex-cache', answers: { name: 'Sessions' }, mode: 'insert', withTest: false });
    // Inserted — Undo: the button posts undo; the re-check's verdict is shown under it.
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'applied', ok: true, message: 'Inserted', undoable: true } as HostMessage);
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'check', status: 'ok', message: 'go build and go vet pass for the package.' } as HostMessage);
    await page.waitForSelector('#undo');
    assert.match((await page.locator('#result').textContent()) ?? '', /^Inserted — Undo$/);
    assert.match((await page.locator('#check').textContent()) ?? '', /go vet pass/);
    await page.locator('#undo').click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'undo' });
    for (const m of await posted(page)) assert.deepEqual(parsePageMessage(m, catalog), m);
    assert.deepEqual(lines.filter((l) => /Content Security Policy|Refused|error/i.test(l)), []);
    assert.ok(web.requests.every((u) => u.startsWith(web.origin)), `remote request: ${web.requests.find((u) => !u.startsWith(web.origin))}`);
    await page.close();
  });

  it('opens at a branch with its trail, prefers the context-aware generator, and Back works', async () => {
    const { page } = await openPage({ start: 'bounded/errgroup', context: { kind: 'goLoop', label: 'loop starting 1 goroutine(s)', goVersion: '1.21' } });
    await page.waitForSelector('.pitfalls li');
    assert.equal(await page.locator('input[value="loop-limit"]').isChecked(), true);
    // The recommended badge sits on the pre-selected generator, and only there.
    assert.equal(await page.locator('.radio .badge').count(), 1);
    assert.equal(await page.locator('.radio:has(input:checked) .badge').count(), 1);
    assert.match((await page.locator('#context').textContent()) ?? '', /loop starting 1 goroutine/);
    assert.equal(await page.locator('#create').isHidden(), true, 'a rewrite cannot become a new file');
    await page.screenshot({ path: join(out, 'wizard-webview-context.png'), fullPage: true });
    await page.getByText('← Back').click();
    await page.waitForSelector('h1:text("How is the work shaped?")');
    await page.close();
  });

  it('marks and focuses the option that leads to what the code under the cursor suggests', async () => {
    const { page } = await openPage({ start: 'shared-state', context: { kind: 'struct', label: 'struct Stats (2 fields)', suggestedNode: 'shared-state/kind', goVersion: '1.22' } });
    await page.waitForSelector('h1:text("Do goroutines share state?")');
    assert.deepEqual(await page.locator('button.option:has(.badge) .label').allTextContents(), ['Yes recommended']);
    assert.equal(await page.evaluate(() => document.activeElement?.querySelector('.label')?.textContent), 'Yes recommended');
    await page.close();
  });

  it('never shows a stale preview as current: Insert waits for the answer to the latest request', async () => {
    const { page } = await openPage({ start: 'shared-state/mutex' });
    await answerPreview(page);
    await page.waitForFunction(() => !(document.getElementById('insert') as HTMLButtonElement).disabled);
    await page.locator('#param-name').fill('Hits');
    // Typing makes the preview stale at once: dimmed, Insert off, until the answer to the new request arrives.
    assert.equal(await page.locator('#preview.stale').count(), 1);
    assert.equal(await page.locator('#insert').isDisabled(), true);
    const first = (await posted(page)).filter((m) => m.type === 'preview').at(-1)!;
    // An answer to an older request is ignored.
    await page.evaluate((m) => window.postMessage(m, '*'), { type: 'preview', requestId: (first.requestId as number) - 1, result: previewFor('mutex-counter', {}) } as HostMessage);
    assert.equal(await page.locator('#insert').isDisabled(), true);
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; answers?: { name?: string } }[] }).__posted.some((m) => m.type === 'preview' && m.answers?.name === 'Hits'));
    await answerPreview(page);
    await page.waitForFunction(() => document.getElementById('preview')!.textContent!.includes('Hits'));
    assert.equal(await page.locator('#preview.stale').count(), 0);
    assert.equal(await page.locator('#insert').isEnabled(), true);
    await page.close();
  });

  it('ignores malformed host messages; the host validator rejects malformed page messages', async () => {
    const { page, console: lines } = await openPage();
    const before = await page.locator('#node').innerHTML();
    for (const bad of [null, 42, { type: 'init' }, { type: 'preview', requestId: 'x' }, { type: 'evil', html: '<img src=x onerror=alert(1)>' }]) await page.evaluate((m) => window.postMessage(m, '*'), bad);
    await page.waitForTimeout(100);
    assert.equal(await page.locator('#node').innerHTML(), before);
    assert.deepEqual(lines.filter((l) => /error/i.test(l)), []);
    await page.close();
    for (const bad of [
      { type: 'apply', pattern: 'rm -rf', answers: {}, mode: 'insert', withTest: false },
      { type: 'apply', pattern: 'semaphore', answers: {}, mode: 'insert', withTest: false },
      { type: 'undo', all: true },
      { type: 'apply', pattern: 'semaphore', answers: { evil: 'x' }, mode: 'insert', withTest: false },
      { type: 'apply', pattern: 'semaphore', answers: { name: 'x'.repeat(400) }, mode: 'insert', withTest: false },
      { type: 'apply', pattern: 'semaphore', answers: {}, mode: 'shell', withTest: false },
      { type: 'preview', pattern: 'semaphore', answers: {}, mode: 'insert', withTest: false },
      { type: 'navigate', node: '../../etc' },
      { type: 'ready', extra: 1 },
    ]) assert.equal(parsePageMessage(bad, catalog), undefined, JSON.stringify(bad));
  });
});
