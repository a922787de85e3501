// Summarises many files in worker threads (falling back to the main thread
// when workers are unavailable, e.g. running from TypeScript sources).
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createGoParser, parseGo } from '../parse/goParser';
import { readGoSource } from './goSource';
import { summarizeFile } from './summarizeFile';
import type { FileSummary } from './types';
import type { WorkerRequest, WorkerResponse } from './indexWorker';

export interface BuildProgress {
  done: number;
  total: number;
}

export interface BuildResult {
  summaries: FileSummary[];
  failures: { path: string; error: string }[];
}

const batchSize = 64;

function workerScript(): string | undefined {
  const bundled = join(__dirname, 'indexWorker.js');
  return existsSync(bundled) ? bundled : undefined;
}

export interface SummarizeOptions {
  /** Parse and discard (benchmarks' floor): no summaries come back. */
  parseOnly?: boolean;
}

export async function summarizeFiles(
  paths: string[],
  onProgress?: (p: BuildProgress) => void,
  options: SummarizeOptions = {},
): Promise<BuildResult> {
  const script = workerScript();
  if (!script || paths.length < batchSize) return summarizeOnMainThread(paths, onProgress, options);
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += batchSize) batches.push(paths.slice(i, i + batchSize));
  // The main thread waits while workers parse, so every core can take a worker.
  const workerCount = Math.max(1, Math.min(availableParallelism(), 4, batches.length));
  const result: BuildResult = { summaries: [], failures: [] };
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: workerCount }, async () => {
      const worker = new Worker(script);
      try {
        while (next < batches.length) {
          const id = next++;
          const batch = batches[id]!;
          const res = await new Promise<WorkerResponse>((resolve, reject) => {
            // Detach the other listener when one fires: a long run posts many batches to one worker.
            const onError = (err: Error) => {
              worker.off('message', onMessage);
              reject(err);
            };
            const onMessage = (res: WorkerResponse) => {
              worker.off('error', onError);
              resolve(res);
            };
            worker.once('message', onMessage);
            worker.once('error', onError);
            worker.postMessage({ id, paths: batch, parseOnly: options.parseOnly } satisfies WorkerRequest);
          });
          result.summaries.push(...res.summaries);
          result.failures.push(...res.failures);
          done += batch.length;
          onProgress?.({ done, total: paths.length });
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return result;
}

async function summarizeOnMainThread(
  paths: string[],
  onProgress: ((p: BuildProgress) => void) | undefined,
  options: SummarizeOptions,
): Promise<BuildResult> {
  const parser = await createGoParser();
  const result: BuildResult = { summaries: [], failures: [] };
  paths.forEach((path, i) => {
    try {
      const text = readGoSource(path);
      const tree = parseGo(parser, text);
      if (!options.parseOnly) result.summaries.push(summarizeFile(path, text, tree));
      tree.delete();
    } catch (err) {
      result.failures.push({ path, error: (err as Error).message });
    }
    if (i % 50 === 49) onProgress?.({ done: i + 1, total: paths.length });
  });
  onProgress?.({ done: paths.length, total: paths.length });
  return result;
}

/** Summarises `paths` and stores them in `index`. */
export async function buildIndexFromFiles(
  paths: string[],
  index: import('./workspaceIndex').WorkspaceIndex,
  onProgress?: (p: BuildProgress) => void,
): Promise<BuildResult> {
  const result = await summarizeFiles(paths, onProgress);
  for (const s of result.summaries) index.update(s);
  return result;
}
