// The server asks the client to watch Go files and go.mod (client/registerCapability for
// workspace/didChangeWatchedFiles) when the client can register watchers dynamically, as editors other than
// VS Code rely on; a file created while the workspace is still being indexed, or after, is analysed.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { LspTestClient } from '../support/lspClient';

// gorm-lost-update's fixture, trusted: the rule runs in the Go engine, which checks the module after a file
// appears on disk (or, for a file created while indexing, in its first check of the workspace).
const fixture = join(__dirname, '..', 'fixtures', 'gorm-lost-update');
const created = 1;

/** The fixture plus `packages` × 10 small files of other packages, so indexing takes a while. */
function workspace(packages: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-watch-'));
  cpSync(fixture, dir, { recursive: true });
  for (let p = 0; p < packages; p++) {
    mkdirSync(join(dir, `p${p}`));
    for (let f = 0; f < 10; f++) writeFileSync(join(dir, `p${p}`, `f${f}.go`), `package p${p}\n\nfunc F${f}(ch chan int) {\n\tfor i := 0; i < 3; i++ {\n\t\tch <- i\n\t}\n}\n`);
  }
  return dir;
}

/** A new file with one bug gorm-lost-update reports (a read-modify-write in a transaction without a row lock). */
const buggy = (name: string) =>
  `package shop\n\nimport "gorm.io/gorm"\n\ntype ${name}Row struct {\n\tID    uint\n\tStock int\n}\n\nfunc ${name}(db *gorm.DB, id uint, q int) error {\n\treturn db.Transaction(func(tx *gorm.DB) error {\n\t\tvar r ${name}Row\n\t\tif err := tx.First(&r, id).Error; err != nil {\n\t\t\treturn err\n\t\t}\n\t\tr.Stock -= q\n\t\treturn tx.Save(&r).Error\n\t})\n}\n`;
const savedAt = 16; // the line of tx.Save, 0-based

describe('watched files', () => {
  const dirs: string[] = [];
  const clients: LspTestClient[] = [];
  after(async () => {
    for (const c of clients) await c.shutdown();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('registers watchers for Go files and go.mod, and analyses files created during and after the scan', async () => {
    const dir = workspace(60);
    dirs.push(dir);
    const client = new LspTestClient();
    clients.push(client);
    await client.initialize(dir, 'en', undefined, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    // Indexing has started (the file list is made) but not ended: create a file and tell the server, as a client would.
    await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'indexing', 60_000, 0);
    const during = join(dir, 'during.go');
    writeFileSync(during, buggy('During'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(during).toString(), type: created }] });
    const readyBefore = client.notifications.some((n) => n.method === 'goconc/indexStatus' && (n.params as { state: string }).state === 'ready');
    assert.equal(readyBefore, false, 'the file was created while the workspace was being indexed');

    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.ok(watch, JSON.stringify(client.registrations));
    const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs.sort(), ['**/*.go', '**/go.mod']);

    const hasLostUpdate = (p: { diagnostics: { code?: unknown; range: { start: { line: number } } }[] }) => p.diagnostics.some((d) => d.code === 'gorm-lost-update' && d.range.start.line === savedAt);
    // The engine's first check of the workspace (61 packages) starts once indexing is over.
    await client.waitForDiagnostics(pathToFileURL(during).toString(), hasLostUpdate, 180_000);

    await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 60_000, 0);
    const later = join(dir, 'later.go');
    writeFileSync(later, buggy('Later'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(later).toString(), type: created }] });
    await client.waitForDiagnostics(pathToFileURL(later).toString(), hasLostUpdate, 60_000);
  });

  it('does not register watchers with a client that cannot register them', async () => {
    const dir = workspace(0);
    dirs.push(dir);
    const client = new LspTestClient();
    clients.push(client);
    await client.initialize(dir, 'en', { trusted: false });
    await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 60_000, 0);
    assert.deepEqual(client.registrations.map((r) => r.method).filter((m) => m === 'workspace/didChangeWatchedFiles'), []);
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'), 'other registrations still arrive');
  });
});
