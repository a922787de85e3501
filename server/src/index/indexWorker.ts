// Worker-thread entry: parses files and posts back their summaries, so the
// initial index of a large workspace does not block the language server.
import { parentPort } from 'node:worker_threads';
import { createGoParser, parseGo } from '../parse/goParser';
import { readGoSource } from './goSource';
import { summarizeFile } from './summarizeFile';
import type { FileSummary } from './types';

export interface WorkerRequest {
  id: number;
  paths: string[];
  /** Parse and discard: the benchmarks' parse-only floor in the same worker setup. */
  parseOnly?: boolean;
}

export interface WorkerResponse {
  id: number;
  summaries: FileSummary[];
  failures: { path: string; error: string }[];
}

const parserReady = createGoParser();

parentPort?.on('message', async (req: WorkerRequest) => {
  const parser = await parserReady;
  const res: WorkerResponse = { id: req.id, summaries: [], failures: [] };
  for (const path of req.paths) {
    try {
      const text = readGoSource(path);
      const tree = parseGo(parser, text);
      if (!req.parseOnly) res.summaries.push(summarizeFile(path, text, tree));
      tree.delete();
    } catch (err) {
      res.failures.push({ path, error: (err as Error).message });
    }
  }
  parentPort?.postMessage(res);
});
