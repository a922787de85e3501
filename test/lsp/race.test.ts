// The race runner through the real language server: a run publishes
// goconc-race diagnostics with related locations on their own channel, edits
// move or remove them, the quick fix guards the access with the struct's
// mutex, untrusted workspaces refuse to run code, and cancelling a run on a
// 50-package module leaves no go or test process behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol';
import { raceCodeActionsRequest, raceRunRequest, type RaceProgress } from '../../server/src/protocol';
import { applyEdits } from '../support/applyEdits';
import { LspTestClient } from '../support/lspClient';

const fixtures = join(__dirname, '..', 'fixtures', 'race');

/** The latest race diagnostics the server sent for `uri`. */
function raceDiagnostics(client: LspTestClient, uri: string): Diagnostic[] | undefined {
  let last: Diagnostic[] | undefined;
  for (const n of client.notifications) {
    if (n.method !== 'goconc/race/diagnostics') continue;
    const f = (n.params as { files: { uri: string; diagnostics: Diagnostic[] }[] }).files.find((x) => x.uri === uri);
    if (f) last = f.diagnostics;
  }
  return last;
}

const toSpec = (e: TextEdit) => ({ range: { startLine: e.range.start.line, startColumn: e.range.start.character, endLine: e.range.end.line, endColumn: e.range.end.character }, newText: e.newText });

async function until<T>(what: string, get: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('race runner over LSP', { timeout: 120_000 }, () => {
  let dir: string;
  let client: LspTestClient;
  let counter: string;
  let uri: string;
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
  /** The package of `rel` passes `go test -race` once `rel` holds `text` (in a scratch copy). */
  const assertRaceFree = (rel: string, text: string) => {
    const scratch = mkdtempSync(join(tmpdir(), 'goconc-race-fixed-'));
    try {
      cpSync(dir, scratch, { recursive: true });
      writeFileSync(join(scratch, rel), text);
      const r = spawnSync('go', ['test', '-race', '-count=1', `./${rel.split('/')[0]}`], { cwd: scratch, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goconc-race-lsp-'));
    cpSync(join(fixtures, 'go.mod'), join(dir, 'go.mod'));
    cpSync(join(fixtures, 'datarace'), join(dir, 'datarace'), { recursive: true });
    cpSync(join(fixtures, 'mapwrite'), join(dir, 'mapwrite'), { recursive: true });
    counter = join(dir, 'datarace', 'counter.go');
    uri = pathToFileURL(counter).toString();
    client = new LspTestClient();
    await client.initialize(dir);
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a package run publishes goconc-race diagnostics on both accesses with related locations', async () => {
    const result = await client.conn.sendRequest(raceRunRequest, { scope: { kind: 'package', uri } });
    assert.equal(result.outcome, 'races', result.summary.join('\n'));
    assert.match(result.summary[0]!, /report\(s\) from the race detector/);
    const text = readFileSync(counter, 'utf8');
    const diags = await until('race diagnostics', () => raceDiagnostics(client, uri));
    const write = lineOf(text, 'c.hits++');
    const read = lineOf(text, 'return c.hits');
    assert.deepEqual(diags.map((d) => d.range.start.line).sort(), [write, read].sort());
    for (const d of diags) {
      assert.equal(d.source, 'goconc-race');
      assert.equal(d.code, 'race/data-race');
      assert.match(String(d.message), /DATA RACE: .*\(in TestCounterRace\)/);
    }
    const w = diags.find((d) => d.range.start.line === write)!;
    const testFile = readFileSync(join(dir, 'datarace', 'counter_test.go'), 'utf8');
    assert.deepEqual(
      w.relatedInformation!.map((r) => `${r.location.uri.split('/').pop()}:${r.location.range.start.line}`),
      [`counter.go:${read}`, `counter_test.go:${lineOf(testFile, 'go func() {')}`],
    );
  });

  it('offers to guard the raced field with the struct mutex', async () => {
    const text = readFileSync(counter, 'utf8');
    const write = lineOf(text, 'c.hits++');
    const actions: CodeAction[] = await client.conn.sendRequest(raceCodeActionsRequest, {
      uri,
      range: { start: { line: write, character: 0 }, end: { line: write, character: 0 } },
    });
    assert.deepEqual(actions.map((a) => a.title), ['Guard with c.mu']);
    const edits = actions[0]!.edit!.changes![uri]!;
    const fixed = applyEdits(text, edits.map(toSpec));
    assert.match(fixed, /\tc\.mu\.Lock\(\)\n\tc\.hits\+\+ \/\/ races with Hits and with other Add calls\n\tc\.mu\.Unlock\(\)\n/);
    const read = lineOf(text, 'return c.hits');
    const readActions: CodeAction[] = await client.conn.sendRequest(raceCodeActionsRequest, {
      uri,
      range: { start: { line: read, character: 0 }, end: { line: read, character: 0 } },
    });
    const readFixed = applyEdits(text, readActions[0]!.edit!.changes![uri]!.map(toSpec));
    assert.match(readFixed, /\tc\.mu\.Lock\(\)\n\tdefer c\.mu\.Unlock\(\)\n\treturn c\.hits\n/);
    // Both fixes together make the package race-free under the real detector.
    const both = applyEdits(text, [...edits, ...readActions[0]!.edit!.changes![uri]!].map(toSpec));
    assertRaceFree('datarace/counter.go', both);
  });

  it('a raced map field in a struct without a lock: adds a mutex (and the sync import) and guards the write', async () => {
    const registry = join(dir, 'mapwrite', 'registry.go');
    const regUri = pathToFileURL(registry).toString();
    const result = await client.conn.sendRequest(raceRunRequest, { scope: { kind: 'package', uri: regUri } });
    assert.equal(result.outcome, 'races', result.summary.join('\n'));
    const text = readFileSync(registry, 'utf8');
    const line = lineOf(text, 'r.names[name] = v');
    const diags = await until('map race diagnostics', () => raceDiagnostics(client, regUri));
    assert.deepEqual(diags.map((d) => d.range.start.line), [line]);
    assert.match(String(diags[0]!.message), /write of a map/);
    const actions: CodeAction[] = await client.conn.sendRequest(raceCodeActionsRequest, { uri: regUri, range: { start: { line, character: 0 }, end: { line, character: 0 } } });
    assert.deepEqual(actions.map((a) => a.title), ['Add a sync.Mutex to Registry and guard names here']);
    const fixed = applyEdits(text, actions[0]!.edit!.changes![regUri]!.map(toSpec));
    assert.equal(
      fixed,
      text
        .replace('package mapwrite\n', 'package mapwrite\n\nimport "sync"\n')
        .replace('\tnames map[string]int\n', '\tmu sync.Mutex // guards names\n\n\tnames map[string]int\n')
        .replace('\tr.names[name] = v\n', '\tr.mu.Lock()\n\tr.names[name] = v\n\tr.mu.Unlock()\n'),
    );
    assertRaceFree('mapwrite/registry.go', fixed);
  });

  it('moves with lines inserted above and disappears when its line is edited', async () => {
    const text = readFileSync(counter, 'utf8');
    const write = lineOf(text, 'c.hits++');
    const read = lineOf(text, 'return c.hits');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    // A new comment line at the top: both diagnostics move down one line.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// edited\n' }],
    });
    await until('shifted diagnostics', () => raceDiagnostics(client, uri)?.some((d) => d.range.start.line === write + 1));
    assert.deepEqual(raceDiagnostics(client, uri)!.map((d) => d.range.start.line).sort(), [write + 1, read + 1].sort());
    // Edit the write's line: its diagnostic goes, the read's stays.
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: write + 1, character: 1 }, end: { line: write + 1, character: 9 } }, text: 'c.total++' }],
    });
    const left = await until('the edited line to lose its diagnostic', () => {
      const d = raceDiagnostics(client, uri);
      return d && d.length === 1 ? d : undefined;
    });
    assert.equal(left[0]!.range.start.line, read + 1);
  });

  it('refuses to run tests in an untrusted workspace, with a message', async () => {
    const untrusted = new LspTestClient();
    try {
      await untrusted.initialize(dir, 'ko', { trusted: false });
      const r = await untrusted.conn.sendRequest(raceRunRequest, { scope: { kind: 'workspace' } });
      assert.equal(r.outcome, 'untrusted');
      assert.match(r.summary[0]!, /신뢰할 수 있는 작업 영역/);
    } finally {
      await untrusted.shutdown();
    }
  });
});

/** Every process below `pid` (Linux /proc), with its command name. */
function descendants(pid: number): { pid: number; comm: string }[] {
  const children = new Map<number, { pid: number; comm: string }[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), { pid: Number(e), comm }]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: { pid: number; comm: string }[] = [];
  // The Go engine (lock rules) is the server's long-lived child with go vet runs of its own: not the race run's.
  const walk = (p: number) => (children.get(p) ?? []).filter((c) => !c.comm.startsWith('goconc-engine')).forEach((c) => (out.push(c), walk(c.pid)));
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('race runner cancellation on a 50-package module', { timeout: 180_000, skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('streams progress, and cancel stops go and every test binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goconc-race-50-'));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/fifty\n\ngo 1.22\n');
    for (let i = 0; i < 50; i++) {
      const name = `p${String(i).padStart(2, '0')}`;
      mkdirSync(join(dir, name));
      // Even packages finish at once (progress); odd ones sleep long enough to be running when we cancel.
      const body = i % 2 === 0 ? 't.Log("quick")' : 'time.Sleep(120 * time.Second)';
      writeFileSync(join(dir, name, 'x_test.go'), `package ${name}\n\nimport (\n\t"testing"\n\t"time"\n)\n\nvar _ = time.Second\n\nfunc TestX(t *testing.T) { ${body} }\n`);
    }
    const client = new LspTestClient();
    try {
      await client.initialize(dir);
      const source = new CancellationTokenSource();
      const progress: RaceProgress[] = [];
      client.conn.onNotification('goconc/race/progress', (p: RaceProgress) => void progress.push(p));
      const started = Date.now();
      const run = client.conn.sendRequest(raceRunRequest, { scope: { kind: 'workspace' } }, source.token);
      await until('a finished package and a running test binary', () => progress.some((p) => p.packagesDone > 0 && p.package) && descendants(client.pid!).some((p) => p.comm.endsWith('.test')), 150_000);
      const tree = descendants(client.pid!);
      assert.ok(tree.some((p) => p.comm === 'go'), `no go process in ${JSON.stringify(tree)}`);
      const done = progress.filter((p) => p.package);
      assert.ok(done.every((p) => p.packagesTotal === 50), `total: ${JSON.stringify(done[0])}`);
      const cancelledAt = Date.now();
      source.cancel();
      const result = await run;
      const cancelMs = Date.now() - cancelledAt;
      assert.equal(result.outcome, 'cancelled');
      assert.match(result.summary[0]!, /cancelled after \d+ package\(s\)/);
      await until('the process tree to go away', () => tree.every((p) => !alive(p.pid)), 5_000);
      assert.deepEqual(descendants(client.pid!), []);
      process.stderr.write(`# cancel: ${done.length} package(s) done after ${cancelledAt - started} ms; ${tree.length} processes (${tree.map((p) => p.comm).join(', ')}) stopped; the request answered ${cancelMs} ms after cancel\n`);
    } finally {
      await client.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
