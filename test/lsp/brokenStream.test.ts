// A broken LSP input makes the real server exit non-zero with one line on stderr (so the client restarts it),
// instead of staying alive and deaf: garbage instead of a header, a Content-Length that is not a number, a
// body that is not JSON (a Content-Length too small), a message that never completes (one too large). The
// input ending after shutdown still exits 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';

const server = join(__dirname, '..', '..', 'dist', 'server.js');
const folder = mkdtempSync(join(tmpdir(), 'goconc-broken-'));

const frame = (message: object) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
};
const initialize = frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: pathToFileURL(folder).toString(), capabilities: {} } });

/** Starts the server, initializes it, sends `bytes` once it has answered (and ends the input once stdout shows
 *  `endAfter`); resolves with how it ended. */
function feed(bytes: Buffer, endAfter?: string): Promise<{ code: number | null; stderr: string; ms: number; answered: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let answered = false;
    let sentAt = 0;
    const killer = setTimeout(() => {
      child.kill();
      reject(new Error(`the server was still running 15 s after the input; stderr: ${stderr}`));
    }, 15_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (endAfter && answered && d.toString().includes(endAfter)) child.stdin.end();
      if (answered || !d.toString().includes('"id":1')) return;
      answered = true;
      sentAt = performance.now();
      child.stdin.write(bytes);
    });
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, ms: performance.now() - sentAt, answered });
    });
    child.stdin.write(initialize);
  });
}

function assertBroken(r: Awaited<ReturnType<typeof feed>>, why: RegExp, withinMs: number): void {
  assert.ok(r.answered, 'the server answered initialize first');
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^goconc: the LSP input is broken \(.+\); exiting so that the client restarts the server$/);
  assert.match(lines[0]!, why);
  assert.ok(r.ms < withinMs, `exited ${r.ms.toFixed(0)} ms after the bad input`);
}

describe('a broken LSP input stream', () => {
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('exits on garbage without a Content-Length header', async () => {
    assertBroken(await feed(Buffer.from('hello there\r\n\r\n{}')), /header/, 2000);
  });

  it('exits on a Content-Length that is not a number', async () => {
    assertBroken(await feed(Buffer.from('Content-Length: many\r\n\r\n{}')), /Content-Length value must be a number/, 2000);
  });

  it('exits on a body that is not JSON (Content-Length too small)', async () => {
    const good = frame({ method: 'initialized', params: {} });
    const cut = Buffer.concat([Buffer.from('Content-Length: 10\r\n\r\n'), good.subarray(good.indexOf('{'))]);
    assertBroken(await feed(cut), /JSON|Unexpected|Unterminated/i, 2000);
  });

  it('exits when a message never completes (Content-Length too large)', async () => {
    assertBroken(await feed(Buffer.from('Content-Length: 100000\r\n\r\n{"jsonrpc":"2.0"')), /stayed incomplete for 5000 ms/, 8000);
  });

  it('exits 0 when the input ends after shutdown', async () => {
    const r = await feed(frame({ id: 2, method: 'shutdown' }), '"id":2');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
  });
});
