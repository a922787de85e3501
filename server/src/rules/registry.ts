// The list of rules. Nothing else in goconc knows a rule by name. `rules` run
// here in TypeScript; the Go engine's rules are listed in goRules.ts.
import { channelOpUnderLock } from './channelOpUnderLock';
import { condSignalMissing } from './condSignalMissing';
import { condWaitWithoutLoop } from './condWaitWithoutLoop';
import { goroutineLeakBlockedSend } from './goroutineLeakBlockedSend';
import { rangeOverUnclosedChannel } from './rangeOverUnclosedChannel';
import { closeMisuse } from './closeMisuse';
import { selectWithoutCancel } from './selectWithoutCancel';
import { ctxNotPropagated } from './ctxNotPropagated';
import { cancelNotCalled } from './cancelNotCalled';
import { lazyInitRace } from './lazyInitRace';
import { timeAfterInLoop } from './timeAfterInLoop';
import { testGoroutineAfterReturn } from './testGoroutineAfterReturn';
import { sqlTxLeak } from './sqlTxLeak';
import { gormTxOuterHandle } from './gormTxOuterHandle';
import { gormLockOutsideTx } from './gormLockOutsideTx';
import { gormLockOnSqlite } from './gormLockOnSqlite';
import { gormLostUpdate } from './gormLostUpdate';
import { gormVersionUnchecked } from './gormVersionUnchecked';
import { redisLockNoExpiry } from './redisLockNoExpiry';
import { redisLockUnsafeRelease } from './redisLockUnsafeRelease';
import { advisoryLockPooledConn } from './advisoryLockPooledConn';
import { lockTtlShorterThanWork } from './lockTtlShorterThanWork';
import { goRuleMetas } from './goRules';
import type { Rule, RuleMeta } from './types';
import { unboundedGoroutines } from './unboundedGoroutines';
import { waitgroupMisuse } from './waitgroupMisuse';

export const rules: readonly Rule[] = [
  unboundedGoroutines,
  channelOpUnderLock,
  goroutineLeakBlockedSend,
  rangeOverUnclosedChannel,
  closeMisuse,
  selectWithoutCancel,
  ctxNotPropagated,
  cancelNotCalled,
  lazyInitRace,
  timeAfterInLoop,
  testGoroutineAfterReturn,
  condWaitWithoutLoop,
  condSignalMissing,
  waitgroupMisuse,
  sqlTxLeak,
  gormTxOuterHandle,
  gormLockOutsideTx,
  gormLockOnSqlite,
  gormLostUpdate,
  gormVersionUnchecked,
  redisLockNoExpiry,
  redisLockUnsafeRelease,
  advisoryLockPooledConn,
  lockTtlShorterThanWork,
];

/** Every reportable id with its metadata, variants and the Go engine's rules included. */
export function allRuleMetas(): RuleMeta[] {
  return [...goRuleMetas, ...rules.flatMap((r) => [r.meta, ...(r.variants ?? [])])];
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas().find((m) => m.id === id);
}
