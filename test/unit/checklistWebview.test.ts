// The checklist webview in a real browser (Debian Chromium via
// playwright-core): the HTML the extension serves, its bundled script and
// CSS, fed a state the real evaluator produced for examples/ plus a
// multi-instance fixture. Checks layout, keyboard use, the CSP (nothing
// remote, no inline script), and that malformed messages are ignored and
// logged on both sides. Screenshots go to test-output/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { toChecklistState } from '../../server/src/checklist/checklistView';
import { checklistForFolder } from '../../server/src/checklist/evaluateWorkspace';
import type { ChecklistState } from '../../server/src/protocol';
import { checklistHtml } from '../../client/src/checklist/checklistHtml';
import { parsePageMessage, type ChecklistStrings, type HostMessage } from '../../client/src/checklist/messages';
import { skipWithoutChromium, WebviewHarness, type OpenedPage } from '../support/webviewHarness';

const root = join(__dirname, '..', '..');
const out = join(root, 'test-output');

const strings: ChecklistStrings = {
  title: 'Concurrency checklist',
  score: 'Checklist: {passed}/{applicable} pass',
  refresh: 'Re-evaluate the checklist',
  loading: 'Waiting for goconc to index the workspace…',
  empty: 'Open a folder with a Go module to evaluate the checklist.',
  evidence: 'Evidence',
  advice: 'Advice',
  seedSection: 'field guide section "{section}"',
  reviewed: 'Reviewed (saved in .goconc/checklist.json)',
  note: 'Note',
  saveNote: 'Save note',
  openWizard: 'Open the decision wizard',
  noEvidence: 'No evidence.',
  checkedBy: 'Checks: {rules}',
  manualFile: 'Manual ticks file',
  statuses: { pass: 'pass', fail: 'fail', warn: 'warn', 'n/a': 'n/a', 'needs review': 'needs review' },
};

// A dark theme's variables, as the workbench sets them on the webview's <html>.
const theme: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-sideBar-background': '#181818',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-font-family': 'sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-errorForeground': '#f85149',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-input-background': '#313131',
};

describe('checklist webview in Chromium', { skip: skipWithoutChromium }, () => {
  let web: WebviewHarness;
  let state: ChecklistState;

  before(async () => {
    mkdirSync(out, { recursive: true });
    assert.ok(existsSync(join(root, 'dist', 'checklistView.js')), 'run `node esbuild.mjs` first');
    const examples = await checklistForFolder(join(root, 'examples'));
    const multi = await checklistForFolder(join(root, 'test', 'fixtures', 'checklist', 'multi-instance'));
    const report = { ...examples.report, items: examples.report.items.map((i) => (i.id === 'distributed-lock-reviewed' ? multi.report.items[6]! : i)) };
    state = toChecklistState(report, 'en', (p) => `file://${p}`, join(root, 'examples', '.goconc', 'checklist.json'));
    web = await WebviewHarness.start((origin) =>
      checklistHtml({ cspSource: origin, scriptUri: `${origin}/dist/checklistView.js`, styleUri: `${origin}/media/checklist.css`, codiconUri: `${origin}/dist/codicons/codicon.css`, title: 'checklist', lang: 'en' }),
    );
  });
  after(async () => {
    await web?.close();
  });

  async function openPage(wizard: boolean, width = 320): Promise<OpenedPage> {
    const opened = await web.open({ width, height: 900 }, theme);
    const message: HostMessage = { type: 'state', state, wizard, strings };
    await opened.page.evaluate((m) => window.postMessage(m, '*'), message);
    await opened.page.waitForSelector('.item-toggle');
    return opened;
  }
  const posted = (page: Page) => web.posted(page);

  it('lays out the seven items with status, count and score in a sidebar-wide view', async () => {
    const { page, console: lines } = await openPage(true);
    const titles = await page.locator('.item-title').allTextContents();
    assert.equal(titles.length, 7);
    assert.deepEqual(titles.map((t) => t.split('.')[0]), ['1', '2', '3', '4', '5', '6', '7']);
    assert.deepEqual(await page.locator('.item').evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))), state.items.map((i) => i.status));
    assert.equal(await page.locator('#score').textContent(), `Checklist: ${state.score.passed}/${state.score.applicable} pass`);
    assert.deepEqual(await page.locator('.badge').allTextContents(), state.items.map((i) => String(i.count)));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at 320px`);
    assert.equal(await page.evaluate(() => document.fonts.check('16px codicon')), true, 'codicon font not loaded');
    const color = await page.locator('.status-fail .status-icon').first().evaluate((e) => getComputedStyle(e).color);
    assert.equal(color, 'rgb(248, 81, 73)', 'the fail icon does not use the theme variable');
    await page.screenshot({ path: join(out, 'checklist-webview-collapsed.png'), fullPage: true });
    assert.deepEqual(lines.filter((l) => /Content Security Policy|Refused/.test(l)), []);
    assert.ok(web.requests.every((u) => u.startsWith(web.origin)), `remote request: ${web.requests.find((u) => !u.startsWith(web.origin))}`);
    await page.close();
  });

  it('is usable with the keyboard: arrows between items, Enter expands, evidence and ticks post typed messages', async () => {
    const { page } = await openPage(true);
    await page.keyboard.press('Tab'); // refresh button
    await page.keyboard.press('Tab'); // first item
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'head-race-in-ci');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'head-shared-state-guarded');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'head-distributed-lock-reviewed');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#head-shared-state-guarded').getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator('#body-shared-state-guarded').isVisible(), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'head-shared-state-guarded', 'focus lost on expand');
    await page.keyboard.press('Tab'); // first evidence link
    await page.keyboard.press('Enter');
    const ev = state.items[1]!.evidence[0]!;
    assert.deepEqual((await posted(page)).at(-1), { type: 'open', uri: ev.uri, line: ev.line, character: ev.character });

    // Item 7: tick it with Space, then the wizard link.
    await page.locator('#head-distributed-lock-reviewed').focus();
    await page.keyboard.press('Enter');
    await page.locator('#tick-distributed-lock-reviewed').focus();
    await page.keyboard.press('Space');
    assert.deepEqual((await posted(page)).at(-1), { type: 'setManual', id: 'distributed-lock-reviewed', checked: true });
    await page.locator('#body-distributed-lock-reviewed .wizard-link').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).at(-1), { type: 'openWizard', branch: 'db/distributed' });
    await page.screenshot({ path: join(out, 'checklist-webview-expanded.png'), fullPage: true });
    // One UI language: with every item's advice open, the English page shows no Korean (no Hangul anywhere).
    for (const d of await page.locator('details.advice').all()) await d.evaluate((e) => ((e as HTMLDetailsElement).open = true));
    assert.doesNotMatch((await page.locator('body').innerText()) ?? '', /[\u3131-\u318e\uac00-\ud7a3]/);

    // Everything the page posted passes the host's validator unchanged.
    for (const m of await posted(page)) assert.deepEqual(parsePageMessage(m), m);
    await page.close();
  });

  it('hides the wizard link when the wizard command is not registered, and offers the CI action', async () => {
    const { page } = await openPage(false);
    await page.locator('#head-race-in-ci').click();
    assert.equal(await page.locator('.wizard-link').count(), 0);
    const action = page.locator('#body-race-in-ci .action');
    assert.equal(await action.textContent(), 'Add a GitHub Actions workflow');
    await action.click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'runAction', actionId: 'add-workflow' });
    await page.close();
  });

  it('ignores and logs malformed messages from the host; the host validator rejects malformed page messages', async () => {
    const { page, console: lines } = await openPage(true);
    const before = await page.locator('#items').innerHTML();
    for (const bad of ['garbage', null, { type: 'state' }, { type: 'state', wizard: true, strings, state: { items: 'x', score: {} } }, { type: 'state', wizard: true, strings, state: { items: [{ id: 1 }], score: {} } }]) {
      await page.evaluate((m) => window.postMessage(m, '*'), bad as never);
    }
    await page.waitForFunction(() => true);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(await page.locator('#items').innerHTML(), before);
    assert.equal(lines.filter((l) => l.startsWith('warning: goconc checklist: ignored a malformed message')).length, 5);
    await page.close();

    const malformed: unknown[] = [
      null,
      'ready',
      { type: 'nope' },
      { type: 'ready', extra: 1 },
      { type: 'open', uri: 'https://evil.example/', line: 1, character: 0 },
      { type: 'open', uri: 'file:///x.go', line: -1, character: 0 },
      { type: 'open', uri: 'file:///x.go', line: 1.5, character: 0 },
      { type: 'setManual', id: 'race-in-ci', checked: 'yes' },
      { type: 'setManual', id: '../../etc', checked: true },
      { type: 'setManual', id: 'race-in-ci', checked: true, note: 'x'.repeat(2001) },
      { type: 'runAction', actionId: 42 },
      { type: 'openWizard', branch: 'db; rm -rf /' },
    ];
    for (const m of malformed) assert.equal(parsePageMessage(m), undefined, JSON.stringify(m));
  });
});
