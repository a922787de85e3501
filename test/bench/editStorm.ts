// The edit storm alone, on any folder: the real server (dist/server.js) indexes it, then each storm sends
// `--edits` one-character insertions to one file in a second and the original text back, and prints the
// time from that last change to its diagnostics and the server's RSS before and after. Nothing is written
// to disk (the edits live in the server's buffer). Several storms show whether memory settles.
//   npm run bench:storm -- <folder> <file in it> [--edits 10000] [--storms 3] [--trusted]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { editStorm } from '../support/editStorm';
import { LspTestClient } from '../support/lspClient';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { edits: { type: 'string', default: '10000' }, storms: { type: 'string', default: '3' }, trusted: { type: 'boolean', default: false } },
  });
  const [folder, file] = positionals;
  if (!folder || !file) throw new Error('usage: editStorm.ts <folder> <file in it> [--edits 10000] [--storms 3] [--trusted]');
  const client = new LspTestClient();
  try {
    const t0 = performance.now();
    // Untrusted by default: the Go engine (its own 300 ms pause, then `go` type-checking) stays out of the figures.
    await client.initialize(resolve(folder), 'en', { trusted: values.trusted });
    await client.waitForNotification('goconc/indexStatus', (s: { state: string }) => s.state === 'ready', 3_600_000, 0);
    console.log(`ready after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (let i = 0; i < Number(values.storms); i++) {
      const r = await editStorm(client, resolve(file), { edits: Number(values.edits), seconds: 1, seed: i + 1 });
      console.log(
        `storm ${i + 1}: ${r.edits} edits sent in ${r.sendSeconds.toFixed(2)} s; last version's diagnostics (${r.final.diagnostics.length}) after ${r.finalLatencyMs.toFixed(0)} ms; RSS ${r.rssBeforeMB?.toFixed(1)} → ${r.rssAfterMB?.toFixed(1)} MB`,
      );
    }
  } finally {
    await client.shutdown();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench:storm: ${e.message}\n`);
  process.exitCode = 1;
});
