// The rules that run in the Go engine (engine/, golang.org/x/tools): their
// metadata lives here for settings, docs links, SARIF and the checklist;
// their analysis and messages come from the engine. One implementation per
// rule: none of these has a TypeScript check.
import type { RuleMeta } from './types';

export const goRuleMetas: readonly RuleMeta[] = [
  {
    id: 'lock-without-unlock',
    title: { en: 'Lock without Unlock on some path', ko: '일부 경로에서 Unlock 없는 Lock' },
    description: {
      en: 'A return, panic or loop iteration leaves a mutex locked while other paths release it; the next Lock() blocks forever.',
      ko: 'return, panic 또는 다음 반복이 뮤텍스를 잠근 채 빠져나가고 다른 경로는 해제합니다. 다음 Lock()이 영원히 멈춥니다.',
    },
    defaultSeverity: 'error',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'unlock-not-deferred',
    title: { en: 'Unlock not deferred', ko: 'Unlock이 defer되지 않음' },
    description: {
      en: 'Several exits each call Unlock by hand; `defer mu.Unlock()` right after Lock keeps the next early return correct.',
      ko: '여러 종료 지점에서 각각 Unlock을 직접 호출합니다. Lock 직후 `defer mu.Unlock()`을 쓰면 다음에 추가될 조기 반환도 안전합니다.',
    },
    defaultSeverity: 'hint',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'double-lock',
    title: { en: 'Mutex locked twice by the same goroutine', ko: '같은 고루틴이 뮤텍스를 두 번 잠금' },
    description: {
      en: 'A mutex is locked again while the goroutine already holds it, directly or in a function it calls. Go mutexes are not reentrant: this deadlocks. Also flags RLock re-entry and RLock→Lock upgrades on RWMutex.',
      ko: '고루틴이 이미 잡고 있는 뮤텍스를 직접 또는 호출한 함수에서 다시 잠급니다. Go 뮤텍스는 재진입할 수 없어 데드락이 납니다. RWMutex의 RLock 재진입과 RLock→Lock 업그레이드도 찾습니다.',
    },
    defaultSeverity: 'error',
    category: 'lock',
    checklistItem: 'defer-unlock-close',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'lock-order-inversion',
    title: { en: 'Locks taken in opposite orders (AB-BA)', ko: '락을 서로 반대 순서로 잡음 (AB-BA)' },
    description: {
      en: 'One path locks A then B, another locks B then A (possibly through callees in other files): two goroutines taking them at once deadlock.',
      ko: '한 경로는 A 다음 B를, 다른 경로는 B 다음 A를 잠급니다 (다른 파일의 호출을 거칠 수도 있음): 두 고루틴이 동시에 잡으면 데드락입니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'lock-copied',
    title: { en: 'Value holding a lock copied', ko: '락을 가진 값의 복사' },
    description: {
      en: 'A value containing a sync.Mutex, RWMutex, WaitGroup, Once, Cond or Map is copied (value receiver, by-value parameter, range variable, assignment, channel send): the copy and the original no longer share the lock.',
      ko: 'sync.Mutex, RWMutex, WaitGroup, Once, Cond, Map을 담은 값이 복사됩니다 (값 리시버, 값 매개변수, range 변수, 대입, 채널 송신): 복사본과 원본이 더 이상 락을 공유하지 않습니다.',
    },
    defaultSeverity: 'warning',
    category: 'lock',
    checklistItem: 'shared-state-guarded',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'redis-lock-no-expiry',
    title: { en: 'Redis lock without expiry', ko: '만료 없는 Redis 락' },
    description: {
      en: 'A lock taken with SETNX / SET NX and no TTL stays forever when its holder crashes before releasing it.',
      ko: 'TTL 없이 SETNX / SET NX로 잡은 락은 보유자가 해제 전에 죽으면 영원히 남습니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'distributed-lock-reviewed',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'redis-lock-unsafe-release',
    title: { en: 'Redis lock released without owner check', ko: '소유자 확인 없이 해제하는 Redis 락' },
    description: {
      en: 'A Redis lock with a TTL is released with a plain DEL or extended with a plain EXPIRE, which hits another holder\'s lock once the TTL has run out.',
      ko: 'TTL이 있는 Redis 락을 일반 DEL로 해제하거나 일반 EXPIRE로 연장해, TTL이 지난 뒤에는 다른 보유자의 락을 건드립니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'distributed-lock-reviewed',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'gorm-tx-outer-handle',
    title: { en: 'GORM call on the outer handle inside a transaction', ko: '트랜잭션 안에서 바깥 GORM 핸들 호출' },
    description: {
      en: 'Inside db.Transaction(func(tx *gorm.DB) error {…}) or between db.Begin() and Commit(), a query or write goes through the outer db instead of tx, so it runs outside the transaction.',
      ko: 'db.Transaction(func(tx *gorm.DB) error {…}) 안이나 db.Begin()과 Commit() 사이에서 쿼리나 쓰기가 tx 대신 바깥 db로 실행되어 트랜잭션 밖에서 돕니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: true,
    engine: 'go',
    messages: {},
  },
  {
    id: 'gorm-lock-outside-tx',
    title: { en: 'GORM row lock outside a transaction', ko: '트랜잭션 밖의 GORM 행 락' },
    description: {
      en: 'clause.Locking (SELECT … FOR UPDATE/SHARE) on a query that is not in a transaction: the lock is released when the statement ends.',
      ko: '트랜잭션 밖 쿼리에 쓴 clause.Locking(SELECT … FOR UPDATE/SHARE): 문장이 끝나면 락이 풀립니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: false,
    engine: 'go',
    messages: {},
  },
  {
    id: 'sql-tx-leak',
    title: { en: 'Transaction not ended on every path', ko: '일부 경로에서 끝나지 않는 트랜잭션' },
    description: {
      en: 'A database/sql or pgx transaction has a return path with neither Commit nor Rollback; it keeps its pooled connection and row locks open.',
      ko: 'database/sql 또는 pgx 트랜잭션에 Commit도 Rollback도 없는 반환 경로가 있어 풀의 커넥션과 행 락을 계속 잡습니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: true,
    engine: 'go',
    messages: {},
  },
];

const goRuleIds = new Set(goRuleMetas.map((m) => m.id));

/** Whether the Go engine owns this rule. */
export function isGoRule(id: string): boolean {
  return goRuleIds.has(id);
}
