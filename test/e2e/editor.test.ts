// goconc as a user meets it: the packaged .vsix installed into a real VS Code workbench
// (code-server) on a copy of examples/, driven through Chromium. Each step leaves a
// screenshot in test-output/e2e/editor/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Workbench, buildVsix, copyExamples, exactly } from './harness';

const inventory = 'internal/inventory/inventory.go';

describe('goconc in VS Code (code-server + Chromium)', { timeout: 600_000 }, () => {
  let vs: Workbench;

  before(async () => {
    vs = await Workbench.start({ workspace: copyExamples(), vsix: buildVsix(), name: 'editor' });
  });

  after(async () => {
    await vs?.stop();
  });

  it('shows diagnostics in the editor and the Problems panel', async () => {
    await vs.step('open inventory.go from the explorer', () => vs.openFile(inventory));
    await vs.step('error squiggles in the editor', async () => {
      // inventory.go has two errors: the leaked lock (line 24) and the map written from goroutines (line 40).
      await vs.squiggles('error').nth(1).waitFor({ timeout: 60_000 });
      assert.deepEqual(await vs.squigglesOnLine('inv.mu.Lock()'), ['error']);
      // The fan-out over a slice (line 38) is only information since the rule's corpus tuning.
      await vs.squiggles('info').first().waitFor();
    });
    await vs.step('hover shows the message', async () => {
      await vs.editor().locator('.view-line', { hasText: 'inv.mu.Lock()' }).first().locator('span', { hasText: 'Lock' }).last().hover();
      const hover = vs.page.locator('.monaco-hover:visible');
      await hover.filter({ hasText: 'is not released on every path' }).waitFor({ timeout: 15_000 });
      assert.match(await hover.innerText(), /lock-without-unlock/);
    });
    const rows = await vs.step('Problems panel lists the findings', () =>
      vs.waitForProblems((r) => ['lock-without-unlock', 'concurrent-map-write', 'unsynchronized-shared-write'].every((id) => r.some((x) => x.text.includes(id)))),
    );
    const lock = rows.find((r) => r.text.includes('lock-without-unlock'));
    assert.ok(lock, 'no lock-without-unlock row');
    assert.match(lock.text, /inv\.mu\.Lock\(\) is not released on every path/);
    assert.match(lock.text, /\[Ln 24, Col 2\]/);
  });

  it('applies the quick fix and the diagnostic goes away', async () => {
    const errorsBefore = (await vs.statusBarProblems()).errors;
    assert.equal(errorsBefore, 2, 'the examples have two errors: the leaked lock and the map write');
    await vs.step('cursor on the leaked Lock()', async () => {
      await vs.page.keyboard.press('Escape');
      await vs.goToLine(24, 6);
    });
    await vs.step('Ctrl+. offers defer', async () => {
      await vs.page.keyboard.press('Control+.');
      await vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Use defer inv.mu.Unlock()' }).waitFor({ timeout: 15_000 });
    });
    await vs.step('apply the fix', async () => {
      await vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Use defer inv.mu.Unlock()' }).click();
      await vs.editor().locator('.view-line', { hasText: 'defer inv.mu.Unlock()' }).waitFor({ timeout: 15_000 });
    });
    await vs.step('the lock diagnostic is gone', async () => {
      const rows = await vs.waitForProblems((r) => !r.some((x) => x.text.includes('lock-without-unlock')) && r.some((x) => x.text.includes('concurrent-map-write')));
      assert.ok(rows.some((x) => x.text.includes('concurrent-map-write')), 'the other finding stays');
      // The status bar counts one error fewer, and line 24 has no error squiggle any more.
      assert.equal((await vs.statusBarProblems()).errors, errorsBefore - 1);
      await vs.goToLine(24, 6);
      assert.deepEqual(await vs.squigglesOnLine('inv.mu.Lock()'), [], 'a squiggle is still drawn on the Lock() line');
    });
  });

  // The race detector (issue 4): examples/internal/orders/orders_test.go drives ProcessBatch, whose
  // unsynchronised `charged++` (line 34) the static rule flags; go test -race confirms it there.
  it('runs the race detector and shows its diagnostics', async () => {
    await vs.step('a "run with -race" code lens above the test', async () => {
      await vs.openFile('internal/orders/orders_test.go');
      await vs.editor().locator('.codelens-decoration', { hasText: 'run with -race' }).first().waitFor({ timeout: 60_000 });
    });
    await vs.step('open orders.go', () => vs.openFile('internal/orders/orders.go'));
    await vs.step('F1 → goconc: Run tests with the race detector → Whole workspace', async () => {
      await vs.page.keyboard.press('F1');
      const input = vs.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>goconc: Run tests with the race detector');
      const rows = vs.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await rows.filter({ has: vs.page.locator('.label-name', { hasText: exactly('goconc: Run tests with the race detector') }) }).first().click();
      // The command asks for the scope in a second quick pick.
      await rows.filter({ has: vs.page.locator('.label-name', { hasText: exactly('Whole workspace') }) }).first().click();
    });
    await vs.step('the run finishes with a notification naming the report', async () => {
      await vs.page.locator('.notification-toast', { hasText: 'report(s) from the race detector' }).first().waitFor({ timeout: 240_000 });
    });
    const rows = await vs.step('Problems panel lists the DATA RACE next to the static finding', () =>
      vs.waitForProblems((r) => r.some((x) => x.text.includes('DATA RACE')) && r.some((x) => x.text.includes('unsynchronized-shared-write'))),
    );
    const race = rows.find((r) => r.text.includes('DATA RACE'))!;
    assert.match(race.text, /goconc-race/);
    assert.match(race.text, /\(in TestProcessBatch\)/);
    assert.match(race.text, /\[Ln 34, Col 5\]/);
    await vs.step('the racing line carries the race error and the static warning', async () => {
      await vs.page.keyboard.press('Escape');
      await vs.goToLine(34, 5);
      const marks = await vs.squigglesOnLine('charged++');
      assert.ok(marks.includes('error') && marks.includes('warning'), `squiggles on charged++: ${JSON.stringify(marks)}`);
    });
  });

  it('offers the goconc commands in the palette', async () => {
    const entries = await vs.step('F1 lists goconc commands', () => vs.paletteEntries('goconc:'));
    await vs.closeQuickInput();
    for (const title of ['goconc: Show output', 'goconc: Restart the language server']) {
      assert.ok(entries.includes(title), `palette lacks "${title}"; it shows ${JSON.stringify(entries)}`);
    }
    // Commands that do not apply now are not offered: no race run is active, and the rest take arguments.
    for (const title of ['goconc: Cancel the race detector run', "goconc: Open the rule's documentation", 'goconc: Change severity for this rule']) {
      assert.ok(!entries.includes(title), `palette offers "${title}" although it does not apply`);
    }
    await vs.step('run "goconc: Show output"', async () => {
      await vs.runCommand('goconc: Show output');
      await vs.page.locator('.panel .monaco-select-box[title="goconc"], .panel select option:checked:text-is("goconc")').first().waitFor({ state: 'attached', timeout: 15_000 });
    });
  });

  it('opens a rule link as the bundled page in the Markdown preview (no repository URL)', async () => {
    await vs.step('click an unbounded-goroutines link in the Problems panel', async () => {
      await vs.problems();
      await vs.page.locator('.markers-panel .monaco-link', { hasText: 'unbounded-goroutines' }).first().click();
    });
    await vs.step('the preview of the bundled page opens', async () => {
      await vs.page.locator('.tab', { hasText: 'Preview unbounded-goroutines.md' }).waitFor({ timeout: 30_000 });
    });
  });

  it('shows the walkthrough with its pages', async () => {
    await vs.step('open the goconc walkthrough', async () => {
      await vs.runCommand('Welcome: Open Walkthrough...');
      const item = vs.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Get started with goconc' }).first();
      await item.waitFor({ timeout: 15_000 });
      await item.click();
      for (const title of ['Findings as you type', 'Fix with a quick fix', 'Tune the rules', 'The same checks in CI']) {
        await vs.page.locator('.gettingStartedContainer .getting-started-step', { hasText: title }).first().waitFor({ timeout: 15_000 });
      }
    });
    await vs.step('a step shows its page (webview)', async () => {
      await vs.page.locator('.gettingStartedContainer .getting-started-step', { hasText: 'Fix with a quick fix' }).first().click();
      await vs.webview().locator('h1', { hasText: 'Fix with a quick fix' }).waitFor({ timeout: 15_000 });
      assert.match(await vs.webview().locator('body').innerText(), /Ctrl\+\./);
    });
  });
});
