// The wizard feature inside the real language server (dist/server.js over
// stdio): the catalog in the client's language, the context under the cursor
// of an unsaved buffer, previews whose edits compile, and bad requests refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { WizardCatalog, WizardContextInfo, WizardPreview } from '../../server/src/protocol';
import { go } from '../support/goModule';
import { LspTestClient } from '../support/lspClient';

const onDisk = 'package shop\n\ntype Cart struct {\n\tItems []string\n}\n';
const buffer = 'package shop\n\nimport "fmt"\n\ntype Cart struct {\n\tItems []string\n\ttotal int\n}\n\nfunc (c *Cart) String() string { return fmt.Sprint(c.total) }\n';

describe('wizard over LSP', () => {
  let dir: string;
  let client: LspTestClient;
  const uri = () => pathToFileURL(join(dir, 'cart.go')).toString();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goconc-lsp-wizard-'));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.17\n');
    writeFileSync(join(dir, 'cart.go'), onDisk);
    client = new LspTestClient();
    await client.initialize(dir, 'ko');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'go', version: 1, text: buffer } });
    await client.waitForDiagnostics(uri(), () => true, 20_000);
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the decision trees in the client language, with quick-fix branches that exist', async () => {
    const c = (await client.conn.sendRequest('goconc/wizard/catalog')) as WizardCatalog;
    assert.deepEqual(c.trees.map((t) => t.id), ['shared-state', 'db', 'bounded', 'timeouts']);
    assert.equal(c.nodes['shared-state']!.title, '고루틴이 상태를 공유하나요?');
    for (const node of Object.values(c.ruleBranches)) assert.ok(c.nodes[node], `missing node ${node}`);
    assert.equal(c.ruleBranches['unbounded-goroutines'], 'bounded');
    assert.equal(c.patterns['struct-guard']!.appliesTo, 'struct');
  });

  it('describes the struct under the cursor of the unsaved buffer', async () => {
    const info = (await client.conn.sendRequest('goconc/wizard/context', { uri: uri(), position: { line: 6, character: 2 } })) as WizardContextInfo;
    assert.equal(info.kind, 'struct');
    assert.deepEqual(info.fields, ['Items', 'total']);
    assert.equal(info.suggestedNode, 'shared-state/kind');
    assert.equal(info.goVersion, '1.17');
    assert.equal(info.packageName, 'shop');
  });

  it('previews a rewrite of the struct whose edits compile', async () => {
    const r = (await client.conn.sendRequest('goconc/wizard/preview', { uri: uri(), position: { line: 6, character: 2 }, pattern: 'struct-guard', answers: { lock: 'rwmutex' }, mode: 'insert' })) as WizardPreview;
    assert.ok(r.ok, JSON.stringify(r.errors));
    const doc = TextDocument.create(uri(), 'go', 1, buffer);
    const after = TextDocument.applyEdits(doc, r.edits.map((e) => ({ range: e.range, newText: e.newText })));
    assert.match(after, /import \(\n\t"fmt"\n\t"sync"\n\)/);
    assert.match(after, /mu +sync\.RWMutex \/\/ guards Items, total/);
    assert.match(after, /func \(c \*Cart\) Total\(\) int \{\n\tc\.mu\.RLock\(\)/);
    assert.match(r.preview, /RWMutex/);
    writeFileSync(fileURLToPath(uri()), after);
    const vet = go(['vet', './...'], dir);
    assert.equal(vet.status, 0, vet.output);
  });

  it('creates a new file for the module Go version (1.17: no generics) with its test', async () => {
    const r = (await client.conn.sendRequest('goconc/wizard/preview', { uri: uri(), pattern: 'worker-pool', answers: { name: 'Pool' }, mode: 'newFile', withTest: true })) as WizardPreview;
    assert.ok(r.ok, JSON.stringify(r.errors));
    assert.equal(r.edits.length, 2);
    assert.ok(r.edits.every((e) => e.create));
    assert.equal(r.edits[0]!.uri, pathToFileURL(join(dir, 'worker_pool.go')).toString());
    assert.match(r.edits[0]!.newText, /^package shop\n/);
    assert.doesNotMatch(r.edits[0]!.newText, /\[J, R any\]/);
    assert.match(r.notes.join('\n'), /1\.18/);
    for (const e of r.edits) writeFileSync(fileURLToPath(e.uri), e.newText);
    const t = go(['test', '-race', '-count=1', './...'], dir);
    assert.equal(t.status, 0, t.output);
  });

  it('refuses bad answers and malformed requests with messages, not exceptions', async () => {
    const bad = (await client.conn.sendRequest('goconc/wizard/preview', { uri: uri(), pattern: 'semaphore', answers: { name: '1x' }, mode: 'newFile' })) as WizardPreview;
    assert.equal(bad.ok, false);
    assert.match(bad.errors[0]!.message, /Go 식별자가 아닙니다/);
    const malformed = (await client.conn.sendRequest('goconc/wizard/preview', { pattern: 42, answers: null })) as WizardPreview;
    assert.equal(malformed.ok, false);
    const unknown = (await client.conn.sendRequest('goconc/wizard/preview', { uri: uri(), pattern: 'nope', answers: {}, mode: 'insert' })) as WizardPreview;
    assert.equal(unknown.ok, false);
  });
});
