// 10,000 edits in a second on one file of the real server, then the original text back: typing never
// queues work, so the diagnostics of the last version arrive within a second, equal to those of a server
// that never saw the storm, and the server's memory does not grow with the edits.
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

const fixture = join(__dirname, '..', 'fixtures', 'close-misuse');

/** A server on a fresh copy of the fixture, indexed and analysed. The Go engine stays off (untrusted):
 *  it has its own debounce, and these figures are the TypeScript scheduler's. */
async function serverOnFixture(): Promise<{ client: LspTestClient; dir: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'goconc-storm-'));
  cpSync(fixture, dir, { recursive: true });
  const client = new LspTestClient();
  await client.initialize(dir, 'en', { trusted: false });
  await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 60_000, 0);
  return { client, dir, stop: async () => (await client.shutdown(), rmSync(dir, { recursive: true, force: true })) };
}

/** What a user sees of a diagnostic (URIs differ between the two copies). */
const visible = (ds: Diagnostic[]) => ds.map((d) => ({ range: d.range, code: d.code, severity: d.severity, message: d.message, related: d.relatedInformation?.map((r) => [r.location.range, r.message]) }));

describe('edit storm', () => {
  const storms: StormResult[] = [];
  let fresh: Diagnostic[];
  const servers: { stop(): Promise<void> }[] = [];
  before(async () => {
    const s = await serverOnFixture();
    servers.push(s);
    for (const seed of [7, 8, 9]) storms.push(await editStorm(s.client, join(s.dir, 'bad.go'), { edits: 10_000, seconds: 1, seed, timeoutMs: 30_000 }));
    const f = await serverOnFixture();
    servers.push(f);
    const uri = pathToFileURL(join(f.dir, 'bad.go')).toString();
    await f.client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(join(f.dir, 'bad.go'), 'utf8') } });
    fresh = (await f.client.waitForDiagnostics(uri, (p) => p.version === 1)).diagnostics;
  });
  after(async () => {
    for (const s of servers) await s.stop();
  });

  it('publishes the last version within 1 s of the last edit, every time', (t) => {
    for (const r of storms) {
      t.diagnostic(`${r.edits} edits sent in ${r.sendSeconds.toFixed(2)} s; final diagnostics after ${r.finalLatencyMs.toFixed(0)} ms; RSS ${r.rssBeforeMB?.toFixed(1)} → ${r.rssAfterMB?.toFixed(1)} MB`);
      assert.ok(r.finalLatencyMs <= 1000, `final diagnostics ${r.finalLatencyMs.toFixed(0)} ms after the last edit`);
    }
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
