// The parse-only floor: collects the same Go files as `goconc check` and parses
// each once in the same worker pool (same thread count), keeping nothing.
// The bench bundles this beside a copy of dist/indexWorker.js and runs it as
// its own process, so process start-up counts on both sides.
import { collectGoFiles } from '../../server/src/engine/analyzeWorkspace';
import { summarizeFiles } from '../../server/src/index/buildIndex';

async function main(): Promise<void> {
  const files = collectGoFiles(process.argv.slice(2));
  const res = await summarizeFiles(files, undefined, { parseOnly: true });
  process.stdout.write(JSON.stringify({ files: files.length, failures: res.failures.length }) + '\n');
}

main().catch((err: Error) => {
  process.stderr.write(`floor: ${err.message}\n`);
  process.exitCode = 2;
});
