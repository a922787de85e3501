// The checklist feature inside the real language server (dist/server.js over
// stdio): the state follows edits live, ticks land in .goconc/checklist.json
// and actions come back as workspace/applyEdit requests that fix the item.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ApplyWorkspaceEditParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import type { ChecklistState } from '../../server/src/protocol';
import { LspTestClient } from '../support/lspClient';

const fixtures = join(__dirname, '..', 'fixtures');
const buggy = 'package shop\n\nimport "sync"\n\ntype C struct {\n\tmu sync.Mutex\n\tn  int\n}\n\nfunc (c *C) Inc(ok bool) {\n\tc.mu.Lock()\n\tif !ok {\n\t\treturn\n\t}\n\tc.n++\n\tc.mu.Unlock()\n}\n';
const fixed = buggy.replace('\tc.mu.Lock()\n\tif', '\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\tif').replace('\tc.n++\n\tc.mu.Unlock()\n', '\tc.n++\n');

describe('checklist over LSP', () => {
  let dir: string;
  let client: LspTestClient;
  const states = () => client.notifications.filter((n) => n.method === 'goconc/checklistChanged').map((n) => n.params as ChecklistState);
  const waitState = async (pred: (s: ChecklistState) => boolean, timeoutMs = 15_000): Promise<ChecklistState> => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const s = states().at(-1);
      if (s && pred(s)) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no matching checklist state; last: ${JSON.stringify(states().at(-1)?.items.map((i) => [i.id, i.status]))}`);
  };
  const status = (s: ChecklistState, id: string) => s.items.find((i) => i.id === id)!.status;
  const edits: ApplyWorkspaceEditParams[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goconc-lsp-checklist-'));
    cpSync(join(fixtures, 'checklist', 'gha-norace'), dir, { recursive: true });
    writeFileSync(join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.22\n');
    writeFileSync(join(dir, 'c.go'), buggy);
    client = new LspTestClient();
    client.conn.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      edits.push(p);
      for (const [uri, list] of Object.entries(p.edit.changes ?? {})) {
        const file = fileURLToPath(uri);
        const lines = readFileSync(file, 'utf8').split('\n');
        for (const e of list) lines[e.range.start.line] = lines[e.range.start.line]!.slice(0, e.range.start.character) + e.newText + lines[e.range.start.line]!.slice(e.range.start.character);
        writeFileSync(file, lines.join('\n'));
      }
      for (const c of p.edit.documentChanges ?? []) {
        if ('textDocument' in c) {
          const file = fileURLToPath((c as TextDocumentEdit).textDocument.uri);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, (c as TextDocumentEdit).edits.map((e) => ('newText' in e ? e.newText : '')).join(''));
        }
      }
      return { applied: true };
    });
    await client.initialize(dir);
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes the evaluated checklist after indexing and answers the request', async () => {
    const s = await waitState((x) => status(x, 'defer-unlock-close') === 'fail');
    assert.equal(status(s, 'race-in-ci'), 'fail');
    assert.equal(s.items.length, 7);
    const item5 = s.items.find((i) => i.id === 'defer-unlock-close')!;
    assert.equal(item5.evidence[0]!.uri, pathToFileURL(join(dir, 'c.go')).toString());
    assert.equal(item5.evidence[0]!.line, 10);
    assert.match(item5.advice.ko, /defer/);
    const asked = (await client.conn.sendRequest('goconc/checklist')) as ChecklistState;
    assert.deepEqual(asked.items.map((i) => i.status), s.items.map((i) => i.status));
  });

  it('flips item 5 live when an edit fixes the lock leak', async () => {
    const uri = pathToFileURL(join(dir, 'c.go')).toString();
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: buggy } });
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const s = await waitState((x) => status(x, 'defer-unlock-close') === 'pass');
    assert.equal(s.items.find((i) => i.id === 'defer-unlock-close')!.count, 0);
  });

  it('writes a manual tick to .goconc/checklist.json and ignores malformed requests', async () => {
    const s = (await client.conn.sendRequest('goconc/checklistSetManual', { id: 'distributed-lock-reviewed', checked: true, note: 'one instance' })) as ChecklistState;
    assert.equal(s.items.find((i) => i.id === 'distributed-lock-reviewed')!.manual?.note, 'one instance');
    const saved = JSON.parse(readFileSync(join(dir, '.goconc', 'checklist.json'), 'utf8')) as { items: Record<string, { checked: boolean }> };
    assert.equal(saved.items['distributed-lock-reviewed']!.checked, true);
    await client.conn.sendRequest('goconc/checklistSetManual', { id: 'no-such-item', checked: true });
    await client.conn.sendRequest('goconc/checklistSetManual', { id: 'race-in-ci', checked: 'yes' });
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(join(dir, '.goconc', 'checklist.json'), 'utf8')) as { items: object }).items), ['distributed-lock-reviewed']);
  });

  it('"Add -race to this step" comes back as an applyEdit that makes item 1 pass', async () => {
    const s = states().at(-1)!;
    const action = s.items[0]!.actions.find((a) => a.kind === 'add-race')!;
    const r = (await client.conn.sendRequest('goconc/checklistRunAction', { actionId: action.id })) as { applied: boolean };
    assert.equal(r.applied, true);
    assert.equal(edits.length, 1);
    await client.conn.sendNotification('goconc/checklistFilesChanged', { uris: [pathToFileURL(join(dir, '.github/workflows/ci.yml')).toString()] });
    await waitState((x) => status(x, 'race-in-ci') === 'pass');
    assert.match(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8'), /go test -race -count=1/);
  });
});

describe('checklist fed by a race-detector run', { timeout: 180_000 }, () => {
  it('a run that finds a data race puts it on item 2 as race-run evidence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goconc-lsp-checklist-race-'));
    cpSync(join(fixtures, 'race', 'go.mod'), join(dir, 'go.mod'));
    cpSync(join(fixtures, 'race', 'datarace'), join(dir, 'datarace'), { recursive: true });
    const client = new LspTestClient();
    try {
      await client.initialize(dir);
      const states = () => client.notifications.filter((n) => n.method === 'goconc/checklistChanged').map((n) => n.params as ChecklistState);
      const until = async (pred: (s: ChecklistState) => boolean) => {
        const end = Date.now() + 150_000;
        while (Date.now() < end) {
          const s = states().at(-1);
          if (s && pred(s)) return s;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`no matching state; last item 2: ${JSON.stringify(states().at(-1)?.items[1])}`);
      };
      await until(() => true);
      const uri = pathToFileURL(join(dir, 'datarace', 'counter.go')).toString();
      const result = (await client.conn.sendRequest('goconc/race/run', { scope: { kind: 'package', uri } })) as { outcome: string };
      assert.equal(result.outcome, 'races');
      const s = await until((x) => x.items[1]!.evidence.some((e) => e.kind === 'race-run'));
      const item2 = s.items[1]!;
      assert.equal(item2.status, 'fail');
      assert.match(item2.summary, /last race-detector run found \d+ data race/);
      assert.ok(item2.evidence.filter((e) => e.kind === 'race-run').every((e) => e.uri === uri && e.rule === 'race/data-race'));
    } finally {
      await client.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
