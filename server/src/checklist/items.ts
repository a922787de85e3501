// The seed's checklist (체크리스트), in its order, with the advice each item
// links to: a short gloss of the seed section in English and Korean, and the
// wizard branch that helps with it.
import type { LocalText } from '../l10n/locale';
import type { ChecklistItemId } from './types';

export interface ChecklistItemDef {
  id: ChecklistItemId;
  title: LocalText;
  /** The seed section the item comes from: its heading as written in the seed (ko) and its English title. */
  seedSection: LocalText;
  advice: LocalText;
  /** A node id of the wizard's decision trees (`goconc.openWizard` argument). */
  wizardBranch?: string;
}

export const checklistItems: readonly ChecklistItemDef[] = [
  {
    id: 'race-in-ci',
    title: { en: '`go test -race` runs in CI', ko: '`go test -race` CI에 추가' },
    seedSection: { en: 'Detecting race conditions', ko: 'Race Condition 감지' },
    advice: {
      en: 'Run the race detector where tests run: `go test -race ./...` (also `go build -race`, `go run -race`). A race it reports prints WARNING: DATA RACE with both accesses.',
      ko: '테스트가 도는 곳에서 레이스 감지기를 켜세요: `go test -race ./...` (`go build -race`, `go run -race` 도 가능). 감지되면 WARNING: DATA RACE 와 두 접근 위치가 출력됩니다.',
    },
  },
  {
    id: 'shared-state-guarded',
    title: { en: 'Shared state is guarded by a Mutex or a channel', ko: '공유 상태에 Mutex 또는 Channel 사용' },
    seedSection: { en: 'Mutex (mutual exclusion)', ko: 'Mutex (상호 배제)' },
    advice: {
      en: 'No shared state → channels ("share memory by communicating"); read-heavy → sync.RWMutex; write-heavy → sync.Mutex; map cache → sync.Map. A map written from several goroutines panics.',
      ko: '공유 상태 없음 → Channels (Go 방식), 읽기 많음 → sync.RWMutex, 쓰기 많음 → sync.Mutex, 맵 캐시 → sync.Map. 여러 고루틴이 쓰는 map 은 panic 합니다.',
    },
    wizardBranch: 'shared-state',
  },
  {
    id: 'goroutines-bounded',
    title: { en: 'Goroutines are bounded (worker pool)', ko: '고루틴 수 제한 (Worker Pool)' },
    seedSection: { en: 'Worker Pool', ko: 'Worker Pool' },
    advice: {
      en: 'One goroutine per request or element blows up memory under load. Limit concurrency with a worker pool (jobs/results channels and a WaitGroup), an errgroup limit or a semaphore.',
      ko: '요청이나 원소마다 고루틴을 만들면 부하 시 메모리가 폭발합니다. Worker Pool(jobs/results 채널 + WaitGroup), errgroup 제한, 세마포어로 동시 고루틴 수를 제한하세요.',
    },
    wizardBranch: 'bounded',
  },
  {
    id: 'context-timeouts',
    title: { en: 'Context carries timeouts and cancellation', ko: 'Context로 타임아웃/취소 처리' },
    seedSection: { en: 'Context cancellation', ko: 'Context 취소' },
    advice: {
      en: 'Pass ctx down and check ctx.Done() in loops; create deadlines with context.WithTimeout and always defer cancel(). In handlers use the request context (r.Context()).',
      ko: 'ctx 를 아래로 전달하고 루프에서 ctx.Done() 을 확인하세요. context.WithTimeout 으로 기한을 만들고 항상 defer cancel() 하세요. 핸들러에서는 요청 context(r.Context())를 쓰세요.',
    },
    wizardBranch: 'timeouts',
  },
  {
    id: 'defer-unlock-close',
    title: { en: '`defer` unlocks and closes channels', ko: '`defer` 로 락 해제, 채널 close' },
    seedSection: { en: 'Anti-Patterns', ko: 'Anti-Patterns' },
    advice: {
      en: 'Missing `defer mu.Unlock()` deadlocks on the first early return or panic; a channel that is never closed leaks the goroutines ranging over it (`defer close(ch)` in the producer).',
      ko: '`defer mu.Unlock()` 이 없으면 조기 return 이나 panic 에서 데드락이 납니다. close 되지 않는 채널은 그 채널을 range 하는 고루틴을 누수시킵니다 (생산자에서 `defer close(ch)`).',
    },
    wizardBranch: 'shared-state',
  },
  {
    id: 'db-transactions-locks',
    title: { en: 'Database concurrency uses transactions and locks', ko: 'DB 동시성은 트랜잭션 + 락 사용' },
    seedSection: { en: 'Database concurrency', ko: 'Database 동시성' },
    advice: {
      en: 'Read-modify-write inside a transaction: conflicts rare → optimistic locking (a version column checked on update); conflicts frequent → pessimistic locking (SELECT … FOR UPDATE).',
      ko: '읽기-수정-쓰기는 트랜잭션 안에서: 충돌 드묾 → Optimistic (version 컬럼으로 갱신 확인), 충돌 잦음 → Pessimistic (SELECT … FOR UPDATE).',
    },
    wizardBranch: 'db',
  },
  {
    id: 'distributed-lock-reviewed',
    title: { en: 'Distributed locking reviewed for multi-server deployments', ko: 'MSA 환경이면 분산 락 검토' },
    seedSection: { en: 'Choosing a pattern', ko: '선택 가이드' },
    advice: {
      en: 'A Mutex guards one process only. When several instances serve the same data (MSA, replicas), use a distributed lock (Redis with fencing tokens, etcd, PostgreSQL advisory locks) or let the database serialise.',
      ko: 'Mutex 는 한 프로세스만 보호합니다. 여러 인스턴스가 같은 데이터를 다루면 (MSA, replicas) 분산 락(펜싱 토큰을 쓰는 Redis, etcd, PostgreSQL advisory lock)을 쓰거나 DB 가 직렬화하게 하세요.',
    },
    wizardBranch: 'db/distributed',
  },
];
