// The wizard as a user meets it in a real workbench (code-server + Chromium):
// open a Go file, place the cursor, open the wizard from F1, answer the shared-
// state tree, rename the type, Insert. The file then compiles and vets with the
// real go toolchain and goconc reports nothing new. Screenshots in
// test-output/e2e/wizard/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../integration/waitFor';
import { Workbench, buildVsix, copyExamples } from './harness';

const file = 'internal/cache/cache.go';

describe('the goconc wizard in VS Code (code-server + Chromium)', { timeout: 600_000 }, () => {
  let vs: Workbench;
  let workspace: string;

  before(async () => {
    workspace = copyExamples();
    vs = await Workbench.start({ workspace, vsix: buildVsix(), name: 'wizard' });
  });

  after(async () => {
    await vs?.stop();
  });

  it('answers the shared-state tree, inserts a Mutex-guarded type, and the module still builds clean', async () => {
    await vs.step('open cache.go and put the cursor after the last method', async () => {
      await vs.openFile(file);
      await vs.goToLine(26, 2);
    });
    const before = await vs.step('goconc has analysed the workspace', async () => {
      await vs.waitForProblems((r) => r.some((x) => x.text.includes('goconc')), 60_000);
      return (await vs.problems()).map((r) => r.text).sort();
    });
    await vs.page.keyboard.press('Escape');
    await vs.step('F1 → goconc: Open the concurrency pattern wizard', () => vs.runCommand('goconc: Open the concurrency pattern wizard'));
    const w = vs.webview();
    await vs.step('the wizard offers the four decision trees', async () => {
      await w.locator('button.option', { hasText: 'Shared state between goroutines' }).waitFor({ timeout: 30_000 });
      assert.equal(await w.locator('button.option').count(), 4);
    });
    await vs.step('shared state? yes → written often', async () => {
      await w.locator('button.option', { hasText: 'Shared state between goroutines' }).click();
      await w.locator('button.option', { hasText: /^Yes$/ }).click();
      await w.locator('button.option', { hasText: 'Written often' }).click();
      await w.locator('.pitfalls li').first().waitFor();
    });
    await vs.step('name the type and see the preview', async () => {
      await w.locator('#param-name').fill('HitCounter');
      await w.locator('#preview', { hasText: 'type HitCounter struct' }).waitFor({ timeout: 30_000 });
    });
    await vs.step('Insert', async () => {
      await w.locator('#insert').click();
      await vs.editor().locator('.view-line', { hasText: 'type HitCounter struct' }).waitFor({ timeout: 30_000 });
    });
    await vs.step('save', async () => {
      // Leave the last snippet's placeholders, focus the editor, save, and wait for the text on disk.
      await vs.page.keyboard.press('Escape');
      await vs.editor().click({ position: { x: 200, y: 10 } });
      await vs.page.keyboard.press('Control+S');
      const deadline = Date.now() + 15_000;
      while (!readFileSync(join(workspace, file), 'utf8').includes('func lookup(') && Date.now() < deadline) await vs.page.waitForTimeout(250);
    });
    const text = readFileSync(join(workspace, file), 'utf8');
    assert.match(text, /^import "sync"$/m, 'the existing import is reused, not duplicated');
    assert.match(text, /func \(h \*HitCounter\) Add\(n int\) \{\n\th\.mu\.Lock\(\)\n\tdefer h\.mu\.Unlock\(\)/);
    for (const args of [['build', './...'], ['vet', './...']]) {
      const r = spawnSync('go', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
      assert.equal(r.status, 0, `go ${args.join(' ')}: ${r.stderr}`);
    }
    await vs.step('goconc reports nothing new', async () => {
      // Give the server a re-analysis after the save, then compare the Problems rows.
      await vs.page.waitForTimeout(2_000);
      const after = (await vs.problems()).map((r) => r.text).sort();
      assert.deepEqual(after, before);
    });
  });

  it('opens from the unbounded-goroutines quick fix at the loop and bounds it', async () => {
    const inventory = 'internal/inventory/inventory.go';
    await vs.step('open inventory.go at the goroutine started per SKU', async () => {
      await vs.openFile(inventory);
      await vs.waitForProblems((r) => r.some((x) => x.text.includes('unbounded-goroutines') && x.text.includes('[Ln 38')), 60_000);
      await vs.page.keyboard.press('Escape');
      await vs.goToLine(38, 3);
    });
    await vs.step('Ctrl+. offers the wizard', async () => {
      await vs.page.keyboard.press('Control+.');
      await vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Open the goconc wizard for unbounded-goroutines' }).click();
    });
    const w = vs.webview();
    await vs.step('the wizard opens at bounded concurrency, knowing the loop', async () => {
      await w.locator('h1', { hasText: 'How is the work shaped?' }).waitFor({ timeout: 30_000 });
      await w.locator('#context', { hasText: 'loop starting 1 goroutine' }).waitFor();
      await w.locator('button.option', { hasText: 'Existing goroutines that need a cap on a section' }).click();
      await w.locator('input[value="loop-limit"]:checked').waitFor();
    });
    await vs.step('limit 4, preview, Insert', async () => {
      await w.locator('#param-limit').fill('4');
      await w.locator('#preview', { hasText: 'sem := make(chan struct{}, 4)' }).waitFor({ timeout: 30_000 });
      await w.locator('#insert').click();
      await vs.editor().locator('.view-line', { hasText: 'defer func() { <-sem }()' }).waitFor({ timeout: 30_000 });
      await vs.page.keyboard.press('Control+S');
    });
    await vs.step('the unbounded-goroutines finding is gone; the map write is still reported', async () => {
      const rows = await vs.waitForProblems((r) => !r.some((x) => x.text.includes('unbounded-goroutines') && x.text.includes('inventory')) && r.some((x) => x.text.includes('concurrent-map-write')));
      assert.ok(rows.length > 0);
      // The loop is bounded now: the wizard no longer offers to rewrite it a second time.
      await w.locator('input[value="loop-limit"]:disabled').waitFor({ timeout: 15_000 });
    });
    const r = spawnSync('go', ['vet', './...'], { cwd: workspace, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
    assert.equal(r.status, 0, r.stderr);
  });

  it('bounds a loop with errgroup; Run go get pins golang.org/x/sync for the module\'s go line, as a direct requirement', async () => {
    const orders = 'internal/orders/orders.go';
    const goMod = () => readFileSync(join(workspace, 'go.mod'), 'utf8');
    const goBefore = goMod().match(/^go .*$/m)?.[0];
    await vs.step('open orders.go at the goroutine started per order', async () => {
      await vs.openFile(orders);
      await vs.waitForProblems((r) => r.some((x) => x.text.includes('unbounded-goroutines') && x.text.includes('[Ln 31')), 60_000);
      await vs.page.keyboard.press('Escape');
      await vs.goToLine(31, 3);
    });
    await vs.step('Ctrl+. → wizard → errgroup.SetLimit', async () => {
      await vs.page.keyboard.press('Control+.');
      await vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Open the goconc wizard for unbounded-goroutines' }).click();
    });
    const w = vs.webview();
    await vs.step('choose errgroup and see the preview', async () => {
      await w.locator('button.option', { hasText: 'Existing goroutines that need a cap on a section' }).click();
      await w.locator('input[value="loop-limit"]:checked').waitFor({ timeout: 30_000 });
      await w.locator('#param-style').selectOption('errgroup');
      await w.locator('#preview', { hasText: 'SetLimit(8)' }).waitFor({ timeout: 30_000 });
    });
    await vs.step('Insert, then Run go get from the notification', async () => {
      await w.locator('#insert').click();
      await w.locator('#result', { hasText: 'Undo' }).waitFor({ timeout: 120_000 });
      const toast = vs.page.locator('.notification-toast', { hasText: 'golang.org/x/sync' }).first();
      await toast.locator('.monaco-button', { hasText: 'Run go get' }).click({ timeout: 30_000 });
      await vs.page.locator('.notification-toast', { hasText: 'the go line is unchanged' }).first().waitFor({ timeout: 180_000 });
      await w.locator('#check', { hasText: 'go vet pass' }).waitFor({ timeout: 180_000 });
      await vs.page.keyboard.press('Control+S');
      await vs.page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), undefined, { timeout: 15_000 });
    });
    const after = goMod();
    assert.equal(after.match(/^go .*$/m)?.[0], goBefore, 'the go line is unchanged');
    assert.doesNotMatch(after, /^toolchain /m);
    assert.match(after, /golang\.org\/x\/sync v[\w.-]+\n/, 'golang.org/x/sync is required');
    assert.doesNotMatch(after, /golang\.org\/x\/sync v[\w.-]+ \/\/ indirect/, 'as a direct requirement');
    assert.match(readFileSync(join(workspace, orders), 'utf8'), /g\.SetLimit\(8\)/);
    for (const args of [['build', './...'], ['vet', './...']]) {
      const r = spawnSync('go', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=readonly' } });
      assert.equal(r.status, 0, `go ${args.join(' ')}: ${r.stderr}`);
    }
  });

  it('opens from the gorm-lost-update quick fix, reuses Product and makes Reserve call the helper', async () => {
    const stock = 'internal/stock/stock.go';
    const goLine = () => /^go .*$/m.exec(readFileSync(join(workspace, 'go.mod'), 'utf8'))?.[0];
    const goBefore = goLine();
    await vs.step('open stock.go at the lost update', async () => {
      await vs.openFile(stock);
      await vs.waitForProblems((r) => r.some((x) => x.text.includes('gorm-lost-update')), 60_000);
      await vs.page.keyboard.press('Escape');
      await vs.goToLine(53, 9);
    });
    await vs.step('Ctrl+. offers the wizard', async () => {
      await vs.page.keyboard.press('Control+.');
      await vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Open the goconc wizard for gorm-lost-update' }).click();
    });
    const w = vs.webview();
    await vs.step('optimistic locking is pre-selected and recommended, for Product', async () => {
      await w.locator('input[value="optimistic-gorm"]:checked').waitFor({ timeout: 30_000 });
      await w.locator('.radio:has(input:checked) .badge').waitFor();
      assert.equal(await w.locator('#param-model').inputValue(), 'Product');
      await w.locator('#preview', { hasText: 'func UpdateProductWithVersion' }).waitFor({ timeout: 30_000 });
    });
    await vs.step('Insert: type-checked, then "Inserted — Undo" and a clean re-check', async () => {
      await w.locator('#insert').click();
      await w.locator('#result', { hasText: 'Undo' }).waitFor({ timeout: 120_000 });
      await w.locator('#check', { hasText: 'go vet pass' }).waitFor({ timeout: 120_000 });
      // Save stock.go from its own tab: after Insert the keyboard focus may still be in the wizard's webview.
      await vs.page.locator('.tab', { hasText: 'stock.go' }).first().click();
      await vs.page.keyboard.press('Control+S');
      await vs.page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), undefined, { timeout: 15_000 });
      // The tab stops looking dirty before the remote file system has written the file: wait for the disk.
      await waitFor('stock.go saved with the insertion', () => (/UpdateProductWithVersion/.test(readFileSync(join(workspace, stock), 'utf8')) ? true : undefined), 15_000);
    });
    const text = readFileSync(join(workspace, stock), 'utf8');
    assert.equal(text.match(/^type Product struct/gm)?.length, 1, 'Product is declared once');
    assert.match(text, /Version +int64/);
    assert.match(text, /return UpdateProductWithVersion\(ctx, s\.db, id, func\(p \*Product\) error \{/);
    for (const args of [['build', './...'], ['vet', './...']]) {
      const r = spawnSync('go', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
      assert.equal(r.status, 0, `go ${args.join(' ')}: ${r.stderr}`);
    }
    assert.equal(goLine(), goBefore, 'the go line is unchanged');
    await vs.step('the lost update is no longer reported', async () => {
      await vs.waitForProblems((r) => !r.some((x) => x.text.includes('gorm-lost-update')), 60_000);
    });
  });

  it('expands every snippet with its imports into a package that builds, vets and is gofmt-clean', async () => {
    const file = 'internal/snippets/all.go';
    const snippets = JSON.parse(readFileSync(join(__dirname, '..', '..', 'snippets', 'go.json'), 'utf8')) as Record<string, { prefix: string[] }>;
    const goBefore = readFileSync(join(workspace, 'go.mod'), 'utf8').match(/^go .*$/m)?.[0];
    // What a user's package would already have around the snippets (the models and function they refer to).
    mkdirSync(join(workspace, 'internal', 'snippets'), { recursive: true });
    writeFileSync(
      join(workspace, file),
      'package snippets\n\ntype Product struct {\n\tID      uint\n\tStock   int\n\tVersion int64\n}\n\ntype Database struct{}\n\nfunc process(n int) int { return n * 2 }\n',
    );
    await vs.step('open the new file', () => vs.openFile(file));
    for (const [name, s] of Object.entries(snippets)) {
      // The gc… prefixes are unique (plain words like "worker" also match other completions).
      const prefix = s.prefix.find((p) => p.startsWith('gc')) ?? s.prefix[0]!;
      await vs.step(`type ${prefix} and accept "${name}"`, async () => {
        await vs.page.keyboard.press('Control+End');
        await vs.page.keyboard.press('Enter');
        await vs.page.keyboard.type(prefix);
        const row = vs.page.locator('.suggest-widget .monaco-list-row', { hasText: prefix }).first();
        await row.waitFor({ timeout: 30_000 });
        await row.click();
        await vs.page.keyboard.press('Escape');
      });
    }
    await vs.step('save', async () => {
      // Leave the last snippet's placeholders, focus the editor, save, and wait for the text on disk.
      await vs.page.keyboard.press('Escape');
      await vs.editor().click({ position: { x: 200, y: 10 } });
      await vs.page.keyboard.press('Control+S');
      const deadline = Date.now() + 15_000;
      while (!readFileSync(join(workspace, file), 'utf8').includes('func lookup(') && Date.now() < deadline) await vs.page.waitForTimeout(250);
    });
    const text = readFileSync(join(workspace, file), 'utf8');
    for (const path of ['context', 'errors', 'sync', 'time', 'gorm.io/gorm', 'gorm.io/gorm/clause']) assert.match(text, new RegExp(`"${path}"`), `imports ${path}`);
    for (const args of [['build', './...'], ['vet', './...']]) {
      const r = spawnSync('go', args, { cwd: workspace, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
      assert.equal(r.status, 0, `go ${args.join(' ')}: ${r.stderr}\n${text}`);
    }
    const fmt = spawnSync('gofmt', ['-d', file], { cwd: workspace, encoding: 'utf8' });
    assert.equal(fmt.stdout.trim(), '', 'gofmt-clean');
    assert.equal(readFileSync(join(workspace, 'go.mod'), 'utf8').match(/^go .*$/m)?.[0], goBefore, 'the go line is unchanged');
  });

  it('walks the same tree from the keyboard in the command palette (QuickPick flow)', async () => {
    const quick = vs.page.locator('.quick-input-widget');
    const pick = async (label: string) => {
      const row = quick.locator('.quick-input-list .monaco-list-row').filter({ has: vs.page.locator('.label-name', { hasText: label }) }).first();
      await row.waitFor({ timeout: 15_000 });
      await quick.locator('input').fill(label);
      await vs.page.keyboard.press('Enter');
    };
    await vs.step('open cache.go at its end', async () => {
      await vs.openFile(file);
      await vs.page.keyboard.press('Control+End');
    });
    await vs.step('F1 → goconc: Concurrency pattern wizard (step by step in the command palette)', () =>
      vs.runCommand('goconc: Concurrency pattern wizard (step by step in the command palette)').catch(async () => {
        // The command leaves a QuickPick open, so the palette does not close: that is expected.
        await quick.waitFor();
      }),
    );
    await vs.step('timeouts → one call → context.WithTimeout', async () => {
      await pick('Timeouts and cancellation');
      await pick('One call that may take too long');
      await pick('context.WithTimeout + defer cancel');
    });
    await vs.step('accept the defaults with Enter and insert at the cursor', async () => {
      for (const input of ['Function name', 'Timeout']) {
        await quick.locator('.quick-input-title', { hasText: input }).waitFor({ timeout: 15_000 });
        await vs.page.keyboard.press('Enter');
      }
      await pick('Insert at the cursor');
      await vs.editor().locator('.view-line', { hasText: 'ctx, cancel := context.WithTimeout(ctx, 5*time.Second)' }).waitFor({ timeout: 30_000 });
      await vs.page.keyboard.press('Control+S');
      await vs.page.waitForFunction(() => !document.querySelector('.tab.active.dirty'), undefined, { timeout: 15_000 });
    });
    const text = readFileSync(join(workspace, file), 'utf8');
    assert.match(text, /^func WithDeadline\(ctx context\.Context, op func\(context\.Context\) error\) error \{$/m);
    assert.match(text, /import \(\n\t"context"\n\t"errors"\n\t"fmt"\n\t"sync"\n\t"time"\n\)/);
    const r = spawnSync('go', ['vet', './...'], { cwd: workspace, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
    assert.equal(r.status, 0, r.stderr);
  });
});
