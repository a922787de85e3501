// Progress tells the truth: the server's work-done progress (and the `ready` status) ends only after the
// first diagnostics of the workspace are published — the Go engine's lock-rule findings included — so the
// editor never shows a finished analysis with no problems while findings are still to come.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { serverOnCopyOf, type LspTestClient } from '../support/lspClient';

interface Progress {
  token: unknown;
  value: { kind: 'begin' | 'report' | 'end'; message?: string; percentage?: number };
}

describe('startup progress', () => {
  let client: LspTestClient;
  let dir: string;
  let stop: () => Promise<void>;
  before(async () => {
    // Trusted (the default): the Go engine runs; lock-without-unlock is one of its rules.
    ({ client, dir, stop } = await serverOnCopyOf(join(__dirname, '..', 'fixtures', 'lock-without-unlock'), 'goconc-progress-', { window: { workDoneProgress: true } }));
    // The engine may have to be built first (tens of seconds on a busy machine).
    await client.waitForNotification<Progress>('$/progress', (p) => p.value.kind === 'end', 300_000, 0);
  });
  after(() => stop());

  it('begins, reports each phase, and ends once', () => {
    const kinds = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as Progress).value);
    assert.equal(kinds[0]?.kind, 'begin');
    assert.equal(kinds.filter((k) => k.kind === 'end').length, 1);
    assert.equal(kinds[kinds.length - 1]?.kind, 'end');
    const messages = kinds.map((k) => k.message ?? '');
    assert.ok(messages.some((m) => /^analysing \d+ Go files$/.test(m)), JSON.stringify(messages));
    assert.ok(messages.some((m) => /Go engine/.test(m)), JSON.stringify(messages));
  });

  it('ends after the engine findings are published, and ready comes with it', () => {
    const uri = pathToFileURL(join(dir, 'bad.go')).toString();
    const log = client.notifications;
    const end = log.findIndex((n) => n.method === '$/progress' && (n.params as Progress).value.kind === 'end');
    const engineFinding = log.findIndex(
      (n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === uri && (n.params as PublishDiagnosticsParams).diagnostics.some((d) => d.code === 'lock-without-unlock'),
    );
    const ready = log.findIndex((n) => n.method === 'goconc/indexStatus' && (n.params as { state: string }).state === 'ready');
    assert.ok(engineFinding >= 0, 'the engine reported lock-without-unlock in bad.go');
    assert.ok(engineFinding < end, `the progress ended (#${end}) before the engine's findings (#${engineFinding})`);
    assert.ok(engineFinding < ready, `ready (#${ready}) came before the engine's findings (#${engineFinding})`);
  });
});
