// "goconc: Add the primitives runtime to this module" in a real workbench with the packaged
// .vsix: the extension finds the runtime it ships (dist/../runtime), the user picks packages in
// the QuickPick, keeps the folder, agrees to go mod tidy, and the module builds afterwards.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Workbench, buildVsix, exactly, repoRoot } from './harness';

describe('Add the primitives runtime (code-server + Chromium)', { timeout: 600_000 }, () => {
  let vs: Workbench;
  let ws: string;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'goconc-vendor-ws-'));
    cpSync(join(repoRoot, 'test', 'fixtures', 'vendor', 'shop'), ws, { recursive: true });
    vs = await Workbench.start({ workspace: ws, vsix: buildVsix(), name: 'vendor-runtime' });
  });

  after(async () => {
    await vs?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('copies the chosen packages, runs go mod tidy when asked, and the module builds', async () => {
    const quick = vs.page.locator('.quick-input-widget');
    const row = (label: string) => quick.locator('.quick-input-list .monaco-list-row').filter({ has: vs.page.locator('.label-name', { hasText: exactly(label) }) }).first();
    await vs.step('F1 → goconc: Add the primitives runtime to this module', async () => {
      // Right after the workbench loads the palette may not list contributed commands yet: retry.
      const title = 'goconc: Add the primitives runtime to this module';
      for (let attempt = 0; ; attempt++) {
        await vs.page.keyboard.press('F1');
        await quick.locator('input').waitFor();
        await quick.locator('input').fill(`>${title}`);
        const found = await row(title).waitFor({ timeout: 5_000 }).then(() => true, () => false);
        if (found) break;
        if (attempt === 10) throw new Error(`the palette does not list "${title}"`);
        await vs.closeQuickInput();
      }
      await row(title).click();
    });
    await vs.step('pick pool and dlock/redisdlock', async () => {
      await row('dlock/redisdlock').waitFor({ timeout: 30_000 });
      assert.match(await row('dlock/redisdlock').innerText(), /github\.com\/redis\/go-redis\/v9/);
      // In a multi-select QuickPick a click on a row toggles its checkbox; OK accepts.
      for (const [i, label] of ['pool', 'dlock/redisdlock'].entries()) {
        await row(label).locator('.label-name').first().click();
        await quick.locator('.quick-input-count', { hasText: `${i + 1} Selected` }).waitFor({ timeout: 10_000 });
      }
      await quick.locator('.quick-input-action .monaco-button', { hasText: exactly('OK') }).click();
    });
    await vs.step('keep the proposed folder', async () => {
      await quick.locator('input').waitFor();
      await vs.page.waitForFunction(() => (document.querySelector('.quick-input-widget input') as HTMLInputElement | null)?.value === 'internal/goconc');
      await vs.page.keyboard.press('Enter');
    });
    await vs.step('agree to go mod tidy', async () => {
      const dialog = vs.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 15_000 });
      assert.match(await dialog.innerText(), /go mod tidy/);
      await dialog.locator('.monaco-button', { hasText: exactly('Run go mod tidy') }).click();
    });
    await vs.step('a notification tells what was copied', async () => {
      await vs.page.locator('.notification-toast', { hasText: 'copied dlock, dlock/redisdlock, pool into internal/goconc' }).first().waitFor({ timeout: 180_000 });
    });
    assert.ok(existsSync(join(ws, 'internal/goconc/dlock/redisdlock/redisdlock.go')));
    assert.match(readFileSync(join(ws, 'internal/goconc/dlock/redisdlock/redisdlock.go'), 'utf8'), /"example\.com\/shop\/internal\/goconc\/dlock"/);
    assert.match(readFileSync(join(ws, 'go.mod'), 'utf8'), /^require github\.com\/redis\/go-redis\/v9 v9\.\d+\.\d+$/m);
    execFileSync('go', ['build', './...'], { cwd: ws, stdio: 'pipe' });
    execFileSync('go', ['vet', './...'], { cwd: ws, stdio: 'pipe' });
  });
});
