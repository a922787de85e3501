// A 200 KB file opened in the real server: its analysis runs in slices, and the Go engine's check in its
// own process, so requests sent meanwhile are answered between them instead of after the whole file (one
// slice — the parse, one rule over the whole file — still runs to its end).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../support/lspClient';

/** About `bytes` of Go: GORM read-modify-writes in transactions, each one gorm-lost-update finding (from the
 * Go engine). */
function largeGoFile(bytes: number): { text: string; bugs: number } {
  let text = 'package shop\n\nimport "gorm.io/gorm"\n\n';
  let i = 0;
  for (; text.length < bytes; i++) {
    text += `type P${i} struct {\n\tID    uint\n\tStock int\n}\n\nfunc Dec${i}(db *gorm.DB, id uint, q int) error {\n\treturn db.Transaction(func(tx *gorm.DB) error {\n\t\tvar p P${i}\n\t\tif err := tx.First(&p, id).Error; err != nil {\n\t\t\treturn err\n\t\t}\n\t\tp.Stock -= q\n\t\treturn tx.Save(&p).Error\n\t})\n}\n\n`;
  }
  return { text, bugs: i };
}

describe('a large file under analysis', () => {
  let dir: string;
  let client: LspTestClient;
  const waits: number[] = [];
  let analysisMs = 0;
  let findings = 0;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goconc-large-'));
    cpSync(join(__dirname, '..', 'fixtures', 'gorm-lost-update'), dir, { recursive: true });
    client = new LspTestClient();
    await client.initialize(dir, 'en');
    await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 60_000, 0);
    const path = join(dir, 'large.go');
    const { text, bugs } = largeGoFile(200_000);
    writeFileSync(path, text);
    const uri = pathToFileURL(path).toString();
    const t0 = performance.now();
    // Created on disk (the engine checks the module) and opened.
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    let published = false;
    const all = (p: { version?: number; diagnostics: { code?: unknown }[] }) => p.version === 1 && p.diagnostics.filter((d) => d.code === 'gorm-lost-update').length === bugs;
    const diagnostics = client.waitForDiagnostics(uri, all, 120_000).then((p) => ((published = true), p));
    // A code action on another file every 20 ms until the large file's diagnostics arrive.
    const other = pathToFileURL(join(dir, 'bad.go')).toString();
    while (!published) {
      const s = performance.now();
      await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: other }, range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } });
      if (!published) waits.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 20));
    }
    findings = (await diagnostics).diagnostics.length;
    analysisMs = performance.now() - t0;
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers code actions while the file is analysed', (t) => {
    const sorted = [...waits].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1] ?? Infinity;
    t.diagnostic(`${findings} findings after ${analysisMs.toFixed(0)} ms; ${waits.length} code actions answered meanwhile, median ${median.toFixed(0)} ms, longest ${sorted[sorted.length - 1]?.toFixed(0)} ms`);
    assert.ok(findings > 0, 'the large file has findings');
    assert.ok(waits.length >= 3, `only ${waits.length} code action(s) answered during ${analysisMs.toFixed(0)} ms of analysis`);
    assert.ok(median <= 250, `median wait ${median.toFixed(0)} ms`);
  });
});
