// A 200 KB file opened in the real server: its analysis runs in slices, so requests sent meanwhile are
// answered between them instead of after the whole file (one slice — the parse, one rule over the whole
// file — still runs to its end).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../support/lspClient';

/** About `bytes` of Go: structs with a mutex and a channel, each with a method that starts goroutines. */
function largeGoFile(bytes: number): string {
  let text = 'package cm\n\nimport "sync"\n\n';
  for (let i = 0; text.length < bytes; i++) {
    text += `type S${i} struct {\n\tmu sync.Mutex\n\tn  int\n\tch chan int\n}\n\nfunc (s *S${i}) Run(xs []int) {\n\tfor _, x := range xs {\n\t\tgo func() {\n\t\t\ts.n += x\n\t\t\ts.ch <- x\n\t\t}()\n\t}\n\tclose(s.ch)\n}\n\n`;
  }
  return text;
}

describe('a large file under analysis', () => {
  let dir: string;
  let client: LspTestClient;
  const waits: number[] = [];
  let analysisMs = 0;
  let findings = 0;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goconc-large-'));
    cpSync(join(__dirname, '..', 'fixtures', 'close-misuse'), dir, { recursive: true });
    client = new LspTestClient();
    await client.initialize(dir, 'en', { trusted: false });
    await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 60_000, 0);
    const path = join(dir, 'large.go');
    const text = largeGoFile(200_000);
    writeFileSync(path, text);
    const uri = pathToFileURL(path).toString();
    const t0 = performance.now();
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    let published = false;
    const diagnostics = client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000).then((p) => ((published = true), p));
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
