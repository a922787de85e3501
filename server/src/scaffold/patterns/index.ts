// Every pattern that generates self-contained declarations, by id.
import type { Pattern } from '../types';
import { errgroupLimit, semaphore, workerPool } from './bounded';
import { dlockPostgres, dlockRedis, optimisticGorm, pessimisticGorm } from './database';
import { atomicCounter, channelsPipeline, mutexCounter, onceInit, rwmutexCache, syncMap } from './sharedState';
import { cancelLoop, contextTimeout, selectTimeout } from './timeouts';

export const patterns: Pattern[] = [
  channelsPipeline,
  rwmutexCache,
  mutexCounter,
  syncMap,
  atomicCounter,
  onceInit,
  optimisticGorm,
  pessimisticGorm,
  dlockRedis,
  dlockPostgres,
  workerPool,
  errgroupLimit,
  semaphore,
  contextTimeout,
  selectTimeout,
  cancelLoop,
];

export function findPattern(id: string): Pattern | undefined {
  return patterns.find((p) => p.id === id);
}
