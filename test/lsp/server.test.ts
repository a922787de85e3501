// The language server as a real child process: diagnostics follow edits,
// quick fixes come back as code actions, and the index updates incrementally.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/applyEdits';
import { serverOnCopyOf, type LspTestClient } from '../support/lspClient';

const fixture = join(__dirname, '..', 'fixtures', 'lock-without-unlock');

describe('language server over stdio', () => {
  let dir: string;
  let client: LspTestClient;
  let stop: () => Promise<void>;
  before(async () => {
    ({ client, dir, stop } = await serverOnCopyOf(fixture, 'goconc-lsp-'));
  });
  after(() => stop());

  it('publishes diagnostics for workspace files after indexing', async () => {
    const uri = pathToFileURL(join(dir, 'bad.go')).toString();
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const d = p.diagnostics.find((x) => x.code === 'lock-without-unlock')!;
    assert.equal(d.source, 'goconc');
    assert.equal(d.range.start.line, 14);
    assert.match(d.codeDescription!.href, /docs\/rules\/lock-without-unlock\.md$/);
    assert.equal(d.relatedInformation?.[0]?.location.range.start.line, 16);
  });

  it('updates diagnostics as an edit introduces and then removes a bug', async () => {
    const path = join(dir, 'edit.go');
    const uri = pathToFileURL(path).toString();
    const clean = 'package lwu\n\nfunc (c *SafeCounter) Reset(ok bool) {\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\tc.count = 0\n}\n';
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: clean } });
    await client.waitForDiagnostics(uri, (d) => d.diagnostics.length === 0);

    // Replace the deferred unlock with an early return before a plain unlock: a lock leak.
    const buggy = '\tif !ok {\n\t\treturn\n\t}\n\tc.count = 0\n\tc.mu.Unlock()\n';
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 0 }, end: { line: 6, character: 0 } }, text: buggy }],
    });
    const bad = await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'lock-without-unlock'));
    assert.equal(bad.diagnostics[0]!.range.start.line, 3);

    // Type the fix back in, character by character on the Lock line.
    const insert = '\n\tdefer c.mu.Unlock()';
    for (let i = 0; i < insert.length; i++) {
      const col = i === 0 ? 12 : i === 1 ? 0 : i - 1;
      const line = i === 0 ? 3 : 4;
      await client.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 3 + i },
        contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col } }, text: insert[i] }],
      });
    }
    // Remove the now-redundant plain Unlock (line 9 after the insert).
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 100 },
      contentChanges: [{ range: { start: { line: 9, character: 0 }, end: { line: 10, character: 0 } }, text: '' }],
    });
    await client.waitForDiagnostics(uri, (d) => d.diagnostics.length === 0);
  });

  it('offers the quick fix as a code action whose edit removes the problem', async () => {
    const path = join(dir, 'bad.go');
    const uri = pathToFileURL(path).toString();
    const p = await client.waitForDiagnostics(uri, (d) => d.diagnostics.length > 0);
    const diag = p.diagnostics.find((x) => x.code === 'lock-without-unlock')!;
    const actions = (await client.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.kind === 'quickfix' && /defer a\.mu\.Unlock/.test(a.title));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const fixed = applyEdits(
      readFileSync(path, 'utf8'),
      fix.edit!.changes![uri]!.map((e) => ({
        range: { startLine: e.range.start.line, startColumn: e.range.start.character, endLine: e.range.end.line, endColumn: e.range.end.character },
        newText: e.newText,
      })),
    );
    const text = readFileSync(path, 'utf8');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    await client.waitForDiagnostics(uri, (d) => !d.diagnostics.some((x) => x.range.start.line === diag.range.start.line && x.code === 'lock-without-unlock'));
  });

  it('survives half-typed code and keeps analysing what parses', async () => {
    const uri = pathToFileURL(join(dir, 'broken.go')).toString();
    const text = 'package lwu\n\nfunc (a *Account) Half(n int) error {\n\ta.mu.Lock()\n\tif n > {\n\t\treturn nil\n\t}\n\ta.mu.Unlock()\n\treturn nil\n}\n\nfunc oops( {\n';
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    const p = await client.waitForDiagnostics(uri, () => true);
    assert.ok(Array.isArray(p.diagnostics));
    // The server is still alive and answering.
    const more = (await client.conn.sendRequest('goconc/allFindings')) as unknown[];
    assert.ok(more.length > 0);
  });
});
