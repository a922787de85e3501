// An edit storm on one file through a real server: open it, send `edits` one-character insertions at seeded
// random positions spread over `seconds`, then one full-text change back to the original. Measures the
// time from that last change to the diagnostics of its version, and the server's resident memory before
// the storm and after those diagnostics. The file is closed again at the end. Shared by test/lsp/editStorm.test.ts and the benchmark.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { LspTestClient } from './lspClient';
import { procStatusMB } from './procStatus';

export interface StormResult {
  file: string;
  edits: number;
  /** How long sending the edits took. */
  sendSeconds: number;
  /** Last change sent → diagnostics of its version received. */
  finalLatencyMs: number;
  rssBeforeMB?: number;
  rssAfterMB?: number;
  final: PublishDiagnosticsParams;
}

export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `settled`: what the last version's diagnostics must also satisfy to count as final (e.g. the Go engine's
 *  re-check of the restored text has been published), given the number of notifications the client had
 *  received when the last change was sent; by default the first publish of that version. */
export async function editStorm(
  client: LspTestClient,
  path: string,
  options: { edits?: number; seconds?: number; seed?: number; timeoutMs?: number; settled?: (p: PublishDiagnosticsParams, notificationsBefore: number) => boolean } = {},
): Promise<StormResult> {
  const { edits = 10_000, seconds = 1, seed = 1, timeoutMs = 600_000, settled = () => true } = options;
  const uri = pathToFileURL(path).toString();
  const original = readFileSync(path, 'utf8');
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: original } });
  await client.waitForDiagnostics(uri, (p) => p.version === 1, timeoutMs);
  const rssBeforeMB = procStatusMB(client.pid, 'VmRSS');

  const lines = original.split('\n');
  const rnd = seededRandom(seed);
  const batches = Math.max(1, Math.round(seconds * 100));
  const perBatch = Math.ceil(edits / batches);
  let version = 1;
  const t0 = performance.now();
  for (let sent = 0; sent < edits; ) {
    const batch: Promise<void>[] = [];
    for (let i = 0; i < perBatch && sent < edits; i++, sent++) {
      const line = Math.floor(rnd() * lines.length);
      const character = Math.floor(rnd() * ((lines[line] ?? '').length + 1));
      lines[line] = `${lines[line]!.slice(0, character)}x${lines[line]!.slice(character)}`;
      const at = { line, character };
      batch.push(client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] }));
    }
    await Promise.all(batch);
    const due = t0 + ((sent / edits) * seconds * 1000);
    if (due > performance.now()) await sleep(due - performance.now());
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  const last = ++version;
  await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: last }, contentChanges: [{ text: original }] });
  const tLast = performance.now();
  const before = client.notifications.length;
  const final = await client.waitForDiagnostics(uri, (p) => p.version === last && settled(p, before), timeoutMs);
  const finalLatencyMs = performance.now() - tLast;
  const rssAfterMB = procStatusMB(client.pid, 'VmRSS');
  await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { file: path, edits, sendSeconds, finalLatencyMs, rssBeforeMB, rssAfterMB, final };
}
