// 10,000 edits in a second on one file of the real server, then the original text back: typing never
// queues work, so the diagnostics of the last version — the Go engine's re-check of the restored text
// included — arrive within a few seconds, equal to those of a server that never saw the storm, and the
// server's memory does not grow with the edits.
// Memory: a server that has only indexed a small fixture still has V8's heap at its initial size; the first
// storms grow it to its working size (RSS +13–30 MB over the first two, 7–8 MB when the server runs with
// --max-semi-space-size=1: mostly the young generation), then it stays flat. So three storms run, and
// the growth over the last one is what would show work or text kept per edit.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { editStorm, type StormResult } from '../support/editStorm';
import { LspTestClient } from '../support/lspClient';

// gorm-lost-update's fixture: its findings come from the Go engine (the workspace is trusted).
const fixture = join(__dirname, '..', 'fixtures', 'gorm-lost-update');

/** A server on a fresh copy of the fixture, indexed, analysed and checked by the Go engine. */
async function serverOnFixture(): Promise<{ client: LspTestClient; dir: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-storm-'));
  cpSync(fixture, dir, { recursive: true });
  const client = new LspTestClient();
  await client.initialize(dir, 'en');
  await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 60_000, 0);
  return { client, dir, stop: async () => (await client.shutdown(), rmSync(dir, { recursive: true, force: true })) };
}

/** What a user sees of a diagnostic (URIs differ between the two copies). */
const visible = (ds: Diagnostic[]) => ds.map((d) => ({ range: d.range, code: d.code, severity: d.severity, message: d.message, related: d.relatedInformation?.map((r) => [r.location.range, r.message]) }));

/** The Go engine's package checks the server logged (one line per finished check). */
const engineChecks = (client: LspTestClient, from = 0) =>
  client.notifications.slice(from).filter((n) => n.method === 'window/logMessage' && /^engine: \S+ in .*finding\(s\)/.test((n.params as { message: string }).message)).length;

describe('edit storm', () => {
  const storms: (StormResult & { engineChecks: number })[] = [];
  let fresh: Diagnostic[];
  const servers: { stop(): Promise<void> }[] = [];
  before(async () => {
    const f = await serverOnFixture();
    servers.push(f);
    const uri = pathToFileURL(join(f.dir, 'bad.go')).toString();
    await f.client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(join(f.dir, 'bad.go'), 'utf8') } });
    fresh = (await f.client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === 'gorm-lost-update'), 60_000)).diagnostics;
    const s = await serverOnFixture();
    servers.push(s);
    for (const seed of [7, 8, 9]) {
      const start = s.client.notifications.length;
      // Final: the engine has re-checked the package since the last change (300 ms after typing stopped) and
      // its findings are published.
      const r = await editStorm(s.client, join(s.dir, 'bad.go'), { edits: 10_000, seconds: 1, seed, timeoutMs: 60_000, settled: (_, lastChange) => engineChecks(s.client, lastChange) > 0 });
      storms.push({ ...r, engineChecks: engineChecks(s.client, start) });
    }
  });
  after(async () => {
    for (const s of servers) await s.stop();
  });

  // The bound was 1 s while the rule ran in this process; the engine re-checks 300 ms after the last edit
  // and the go command's check of the restored text (a cached result) takes most of the rest.
  it('publishes the last version, checked by the engine, within 5 s of the last edit, every time', (t) => {
    for (const r of storms) {
      t.diagnostic(`${r.edits} edits sent in ${r.sendSeconds.toFixed(2)} s; final diagnostics after ${r.finalLatencyMs.toFixed(0)} ms; ${r.engineChecks} engine check(s); RSS ${r.rssBeforeMB?.toFixed(1)} → ${r.rssAfterMB?.toFixed(1)} MB`);
      assert.ok(r.finalLatencyMs <= 5000, `final diagnostics ${r.finalLatencyMs.toFixed(0)} ms after the last edit`);
    }
  });

  // The re-check after the last change, perhaps one during a pause in the storm, and the one after the
  // previous storm closed the file.
  it('queues no engine work per edit: at most three checks for 10,000 edits', () => {
    for (const r of storms) assert.ok(r.engineChecks <= 3, `${r.engineChecks} engine checks`);
  });

  it('ends with the diagnostics of a server that never saw the storm', () => {
    assert.ok(fresh.length > 0, 'the fixture has findings');
    for (const r of storms) assert.deepEqual(visible(r.final.diagnostics), visible(fresh));
  });

  it('does not keep anything of the edits: RSS grows by at most 20 MB over a storm', () => {
    const last = storms[storms.length - 1]!;
    const growth = last.rssAfterMB! - last.rssBeforeMB!;
    assert.ok(growth <= 20, `RSS ${last.rssBeforeMB!.toFixed(1)} → ${last.rssAfterMB!.toFixed(1)} MB`);
  });
});
