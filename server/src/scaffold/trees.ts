// The seed's 선택 가이드 as data: shared state, DB concurrency, bounded
// concurrency and timeouts. Every leaf says why, what it costs, and the
// mistakes people make with it (the seed's anti-patterns and the libraries'
// known issues).
import type { LocalText } from '../l10n/locale';
import type { DecisionNode, DecisionTree, LeafNode, QuestionNode } from './types';

const t = (en: string, ko: string): LocalText => ({ en, ko });

function q(id: string, title: LocalText, options: QuestionNode['options'], help?: LocalText): QuestionNode {
  return { kind: 'question', id, title, options, ...(help ? { help } : {}) };
}
const opt = (label: LocalText, next: string, description?: LocalText) => ({ label, next, ...(description ? { description } : {}) });
function leaf(id: string, title: LocalText, why: LocalText, tradeoffs: LocalText[], pitfalls: LocalText[], patterns: string[]): LeafNode {
  return { kind: 'leaf', id, title, why, tradeoffs, pitfalls, patterns };
}

function tree(id: string, title: LocalText, nodes: DecisionNode[]): DecisionTree {
  return { id, title, root: nodes[0]!.id, nodes: Object.fromEntries(nodes.map((n) => [n.id, n])) };
}

const sharedState = tree('shared-state', t('Shared state between goroutines', '고루틴 사이의 공유 상태'), [
  q('shared-state', t('Do goroutines share state?', '고루틴이 상태를 공유하나요?'), [
    opt(t('No — they hand work and results to each other', '아니오 — 작업과 결과를 서로 넘깁니다'), 'shared-state/channels'),
    opt(t('Yes', '예'), 'shared-state/kind'),
  ], t('"Don\'t communicate by sharing memory; share memory by communicating."', '"메모리를 공유해서 통신하지 말고, 통신해서 메모리를 공유하라."')),
  q('shared-state/kind', t('What is shared, and how is it used?', '무엇을 공유하고 어떻게 쓰나요?'), [
    opt(t('Read far more often than written', '쓰기보다 읽기가 훨씬 많음'), 'shared-state/rwmutex'),
    opt(t('Written often', '자주 씀'), 'shared-state/mutex'),
    opt(t('A map used as a cache', '캐시로 쓰는 맵'), 'shared-state/sync-map'),
    opt(t('A single counter or flag', '카운터나 플래그 하나'), 'shared-state/atomic'),
    opt(t('Something initialised once, then only read', '한 번 초기화하고 읽기만 함'), 'shared-state/once'),
  ]),
  leaf(
    'shared-state/channels',
    t('Channels: hand off ownership', '채널: 소유권을 넘기기'),
    t('Nothing is shared: each value has one owner at a time, passed along channels, so there is nothing to lock.', '아무것도 공유하지 않습니다. 값마다 한 번에 한 주인만 있고 채널로 넘기므로 잠글 것이 없습니다.'),
    [
      t('Clear ownership and natural back-pressure; fan-out/fan-in scale with the worker count.', '소유권이 분명하고 배압이 자연스럽습니다. 팬아웃/팬인이 워커 수에 맞춰 늘어납니다.'),
      t('More goroutines and channel operations than a mutex for simple state; every channel needs an owner who closes it.', '단순한 상태에는 뮤텍스보다 고루틴과 채널 연산이 많습니다. 모든 채널에는 닫는 주인이 필요합니다.'),
    ],
    [
      t('A channel never closed leaks every goroutine ranging over it (`defer close(ch)` in the producer).', '닫지 않은 채널은 그 위를 range 하는 고루틴을 모두 누수시킵니다 (생산자에서 `defer close(ch)`).'),
      t('Unbuffered sends with no receiver deadlock: buffer or select on ctx.Done().', '받는 쪽이 없는 버퍼 없는 송신은 데드락입니다. 버퍼를 두거나 ctx.Done() 과 select 하세요.'),
      t('Closing results before every worker returned panics (send on closed channel): close after wg.Wait().', '모든 워커가 끝나기 전에 results 를 닫으면 panic(닫힌 채널에 송신)입니다. wg.Wait() 뒤에 닫으세요.'),
    ],
    ['channels-pipeline'],
  ),
  leaf(
    'shared-state/rwmutex',
    t('sync.RWMutex', 'sync.RWMutex'),
    t('Many readers can hold RLock together; writers are exclusive. Worth it when reads dominate and hold the lock long enough to contend.', '여러 읽기가 RLock 을 함께 잡고 쓰기는 배타적입니다. 읽기가 압도적이고 경합이 생길 만큼 락을 잡을 때 가치가 있습니다.'),
    [
      t('Readers do not block each other.', '읽기끼리 서로 막지 않습니다.'),
      t('Costlier than Mutex per operation; with short critical sections or frequent writes a plain Mutex is often faster.', '연산당 비용이 Mutex 보다 큽니다. 임계 구역이 짧거나 쓰기가 잦으면 보통 Mutex 가 더 빠릅니다.'),
    ],
    [
      t('Recursive RLock deadlocks when a writer is waiting: never RLock twice in one goroutine.', '쓰기가 대기 중일 때 재귀 RLock 은 데드락입니다. 한 고루틴에서 RLock 을 두 번 잡지 마세요.'),
      t('Upgrading RLock to Lock is impossible: release, Lock, and re-check.', 'RLock 을 Lock 으로 올릴 수 없습니다. 해제하고 Lock 한 뒤 다시 확인하세요.'),
      t('Returning a map or slice from a getter hands out unguarded access.', '게터에서 맵이나 슬라이스를 돌려주면 보호되지 않는 접근을 넘겨주게 됩니다.'),
    ],
    ['rwmutex-cache', 'struct-guard'],
  ),
  leaf(
    'shared-state/mutex',
    t('sync.Mutex', 'sync.Mutex'),
    t('One goroutine at a time in the critical section: the simplest correct choice for state that is written often.', '임계 구역에 한 번에 한 고루틴만: 자주 쓰이는 상태에 가장 단순하고 올바른 선택입니다.'),
    [t('Simple and fast when uncontended.', '경합이 없으면 단순하고 빠릅니다.'), t('Serialises readers too.', '읽기도 직렬화합니다.')],
    [
      t('A missing `defer mu.Unlock()` deadlocks on the first early return or panic.', '`defer mu.Unlock()` 이 없으면 첫 조기 반환이나 panic 에서 데드락입니다.'),
      t('Copying a struct that holds a Mutex copies the lock (use pointer receivers; go vet copylocks).', '뮤텍스를 가진 구조체를 복사하면 락도 복사됩니다 (포인터 리시버, go vet copylocks).'),
      t('Holding the lock across I/O or channel operations turns contention into latency or deadlock.', 'I/O 나 채널 연산 동안 락을 잡으면 경합이 지연이나 데드락이 됩니다.'),
    ],
    ['mutex-counter', 'struct-guard'],
  ),
  leaf(
    'shared-state/sync-map',
    t('sync.Map', 'sync.Map'),
    t('The standard library recommends sync.Map for two cases: keys written once and read many times (caches that only grow), and goroutines reading and writing disjoint key sets.', '표준 라이브러리는 두 경우에 sync.Map 을 권합니다: 한 번 쓰고 여러 번 읽는 키(커지기만 하는 캐시), 고루틴마다 서로 다른 키 집합을 읽고 쓰는 경우.'),
    [
      t('Lock-free reads for stable keys.', '안정된 키는 락 없이 읽습니다.'),
      t('No type safety without a wrapper; no Len; for other workloads a map with a Mutex or RWMutex is simpler and faster.', '래퍼 없이는 타입 안전성이 없고 Len 이 없습니다. 다른 작업 부하에는 Mutex/RWMutex 를 쓴 맵이 더 단순하고 빠릅니다.'),
    ],
    [
      t('Load then Store is not atomic: use LoadOrStore (or CompareAndSwap, Go 1.20).', 'Load 후 Store 는 원자적이지 않습니다. LoadOrStore(또는 Go 1.20 의 CompareAndSwap)를 쓰세요.'),
      t('Range is not a snapshot.', 'Range 는 스냅숏이 아닙니다.'),
      t('A plain map written by two goroutines is `fatal error: concurrent map writes`, which recover cannot catch.', '두 고루틴이 쓰는 일반 맵은 recover 로 잡을 수 없는 `fatal error: concurrent map writes` 입니다.'),
    ],
    ['sync-map', 'rwmutex-cache'],
  ),
  leaf(
    'shared-state/atomic',
    t('sync/atomic', 'sync/atomic'),
    t('A single word (counter, flag, pointer) can be updated without a lock.', '단어 하나(카운터, 플래그, 포인터)는 락 없이 갱신할 수 있습니다.'),
    [t('Cheapest synchronisation.', '가장 싼 동기화입니다.'), t('Only for one value: two atomics are not one atomic update.', '값 하나에만: 원자 연산 두 개는 원자적 갱신 하나가 아닙니다.')],
    [
      t('Mixing atomic and plain reads or writes of the same variable is a data race.', '같은 변수에 원자적 접근과 일반 접근을 섞으면 데이터 레이스입니다.'),
      t('Before Go 1.19, int64 used with atomic.AddInt64 must be 64-bit aligned on 32-bit platforms (first field).', 'Go 1.19 이전에는 atomic.AddInt64 에 쓰는 int64 가 32비트 플랫폼에서 64비트 정렬되어야 합니다 (첫 필드).'),
    ],
    ['atomic-counter'],
  ),
  leaf(
    'shared-state/once',
    t('sync.Once / sync.OnceValue', 'sync.Once / sync.OnceValue'),
    t('Lazy one-time set-up: concurrent first callers wait for the single initialisation; later calls are a fast check.', '지연된 1회 설정: 동시에 처음 호출한 쪽은 한 번의 초기화를 기다리고, 이후 호출은 빠른 확인입니다.'),
    [t('No lock on the hot path after initialisation.', '초기화 뒤에는 빠른 경로에 락이 없습니다.'), t('A failed initialisation is not retried.', '실패한 초기화는 재시도하지 않습니다.')],
    [
      t('Calling once.Do from inside its own function deadlocks.', 'once.Do 의 함수 안에서 다시 once.Do 를 부르면 데드락입니다.'),
      t('With sync.Once a panic in f marks it done and later calls see a half-initialised value; sync.OnceValue re-panics instead (Go 1.21).', 'sync.Once 에서는 f 의 panic 도 완료로 쳐서 이후 호출이 반쯤 초기화된 값을 봅니다. sync.OnceValue(Go 1.21)는 대신 다시 panic 합니다.'),
    ],
    ['once-init'],
  ),
]);

const database = tree('db', t('Concurrent updates to the database', '데이터베이스 동시 갱신'), [
  q('db', t('How do concurrent writers to the same rows behave?', '같은 행에 대한 동시 쓰기가 어떤가요?'), [
    opt(t('Conflicts are rare', '충돌이 드묾'), 'db/optimistic'),
    opt(t('Conflicts are frequent (hot rows)', '충돌이 잦음 (핫 로우)'), 'db/pessimistic'),
    opt(t('Several servers must coordinate work that is not one row', '여러 서버가 행 하나가 아닌 작업을 조율해야 함'), 'db/distributed'),
  ]),
  q('db/distributed', t('What do the servers share?', '서버들이 무엇을 공유하나요?'), [
    opt(t('Redis', 'Redis'), 'db/distributed/redis'),
    opt(t('PostgreSQL', 'PostgreSQL'), 'db/distributed/postgres'),
    opt(t('etcd', 'etcd'), 'db/distributed/etcd'),
  ]),
  leaf(
    'db/optimistic',
    t('Optimistic locking (version column)', '낙관적 락 (버전 컬럼)'),
    t('No locks held: each write checks that the row still has the version it read. Cheap when conflicts are rare.', '락을 잡지 않습니다. 쓸 때마다 읽은 버전이 그대로인지 확인합니다. 충돌이 드물면 저렴합니다.'),
    [
      t('No blocking, works across any number of app servers, no long transactions.', '막힘이 없고 앱 서버 수와 무관하며 긴 트랜잭션이 없습니다.'),
      t('Under heavy contention most attempts fail and retry: wasted work and tail latency.', '경합이 심하면 대부분 실패하고 재시도합니다: 낭비와 꼬리 지연.'),
    ],
    [
      t('`Save` after zero rows affected makes GORM INSERT … ON CONFLICT, overwriting the other writer: update with WHERE version = ? and check RowsAffected.', '영향받은 행이 0 일 때 `Save` 는 GORM 이 INSERT … ON CONFLICT 를 해서 다른 쓰기를 덮어씁니다. WHERE version = ? 로 갱신하고 RowsAffected 를 확인하세요.'),
      t('RowsAffected == 0 also means "deleted": re-read to tell not-found from conflict.', 'RowsAffected == 0 은 "삭제됨" 일 수도 있습니다. 다시 읽어 없음과 충돌을 구분하세요.'),
      t('Retry without backoff and jitter makes the losers collide again.', '백오프와 지터 없는 재시도는 진 쪽들을 다시 충돌시킵니다.'),
      t('Existing rows need a version value (NOT NULL DEFAULT 1) before the column is used.', '컬럼을 쓰기 전에 기존 행에 버전 값(NOT NULL DEFAULT 1)이 있어야 합니다.'),
    ],
    ['optimistic-gorm', 'gorm-version'],
  ),
  leaf(
    'db/pessimistic',
    t('Pessimistic locking (SELECT … FOR UPDATE)', '비관적 락 (SELECT … FOR UPDATE)'),
    t('The row is locked in a transaction before it is read, so writers queue instead of failing.', '읽기 전에 트랜잭션 안에서 행을 잠그므로 쓰기가 실패하는 대신 줄을 섭니다.'),
    [
      t('No lost updates and no retry loop; NOWAIT fails fast, SKIP LOCKED makes job queues.', '갱신 유실과 재시도 루프가 없습니다. NOWAIT 는 빨리 실패하고 SKIP LOCKED 로 작업 큐를 만듭니다.'),
      t('Holds a connection and row locks for the whole transaction; lock ordering matters (deadlocks).', '트랜잭션 내내 커넥션과 행 락을 잡습니다. 잠금 순서가 중요합니다 (데드락).'),
    ],
    [
      t('Outside a transaction FOR UPDATE locks nothing useful (autocommit releases it at once).', '트랜잭션 밖의 FOR UPDATE 는 쓸모없습니다 (자동 커밋으로 즉시 풀림).'),
      t('SQLite ignores it and GORM drops the clause silently.', 'SQLite 는 무시하고 GORM 은 조용히 절을 뺍니다.'),
      t('Network calls inside the transaction hold the lock for their whole duration.', '트랜잭션 안의 네트워크 호출 동안 락이 계속 잡혀 있습니다.'),
    ],
    ['pessimistic-gorm', 'tx-locking'],
  ),
  leaf(
    'db/distributed/redis',
    t('Distributed lock on Redis', 'Redis 분산 락'),
    t('A lease in Redis coordinates processes on many servers; tokens, TTL, renewal and fencing keep it safe when holders crash or pause.', 'Redis 의 임대가 여러 서버의 프로세스를 조율합니다. 토큰, TTL, 갱신, 펜싱이 보유자가 죽거나 멈춰도 안전하게 합니다.'),
    [
      t('Fast, works for any resource, not only rows.', '빠르고 행뿐 아니라 어떤 자원에도 쓸 수 있습니다.'),
      t('A lease is not a mutex: a paused holder can outlive its TTL, so the protected storage must check the fencing token.', '임대는 뮤텍스가 아닙니다. 멈춘 보유자가 TTL 을 넘길 수 있으니 보호하는 저장소가 펜싱 토큰을 확인해야 합니다.'),
    ],
    [
      t('DEL without comparing the token deletes someone else\'s lock after your TTL expired.', '토큰 비교 없는 DEL 은 TTL 만료 뒤 남의 락을 지웁니다.'),
      t('SETNX then EXPIRE as two commands leaves a lock without TTL if the process dies between them.', 'SETNX 다음 EXPIRE 를 따로 보내면 그 사이에 죽을 때 TTL 없는 락이 남습니다.'),
      t('Redis replication is asynchronous: a failover can hand the lock to two holders.', 'Redis 복제는 비동기라 장애 조치 때 두 보유자에게 락이 갈 수 있습니다.'),
    ],
    ['dlock-redis'],
  ),
  leaf(
    'db/distributed/postgres',
    t('PostgreSQL advisory lock', 'PostgreSQL advisory lock'),
    t('If every server already talks to PostgreSQL, an advisory lock needs no new infrastructure and dies with the session.', '모든 서버가 이미 PostgreSQL 을 쓴다면 advisory lock 은 새 인프라가 필요 없고 세션과 함께 사라집니다.'),
    [
      t('Strongly consistent; released automatically when the session ends.', '강한 일관성, 세션이 끝나면 자동으로 풀립니다.'),
      t('Pins a pooled connection for the lock\'s lifetime.', '락이 유지되는 동안 풀 커넥션 하나를 고정합니다.'),
    ],
    [
      t('Locking on one pooled connection and unlocking on another does nothing; the lock leaks to whoever gets the connection next.', '풀의 한 커넥션에서 잠그고 다른 커넥션에서 풀면 아무 일도 없고, 락은 그 커넥션을 다음에 받는 쪽으로 샙니다.'),
      t('PgBouncer transaction pooling breaks session locks: use pg_advisory_xact_lock.', 'PgBouncer 트랜잭션 풀링은 세션 락을 깨뜨립니다. pg_advisory_xact_lock 을 쓰세요.'),
    ],
    ['dlock-postgres'],
  ),
  leaf(
    'db/distributed/etcd',
    t('etcd lease-based lock', 'etcd 임대 기반 락'),
    t('etcd\'s concurrency package (go.etcd.io/etcd/client/v3/concurrency) gives a linearizable mutex over a session lease; its revision works as a fencing token.', 'etcd 의 concurrency 패키지(go.etcd.io/etcd/client/v3/concurrency)는 세션 임대 위의 선형화 가능한 뮤텍스를 주며, 리비전을 펜싱 토큰으로 쓸 수 있습니다.'),
    [
      t('Consensus-backed: no split-brain on failover.', '합의 기반이라 장애 조치 때 스플릿 브레인이 없습니다.'),
      t('Another cluster to run; slower than Redis.', '운영할 클러스터가 하나 더 늘고 Redis 보다 느립니다.'),
    ],
    [
      t('Watch session.Done(): when the lease expires the lock is gone.', 'session.Done() 을 지켜보세요. 임대가 만료되면 락도 없어집니다.'),
      t('Pass Mutex.Header().Revision to the storage as the fencing token.', 'Mutex.Header().Revision 을 펜싱 토큰으로 저장소에 넘기세요.'),
    ],
    // No self-contained scaffold yet: the etcd client pulls gRPC; the leaf explains the API to use.
    [],
  ),
]);

const bounded = tree('bounded', t('Bounded concurrency', '동시성 제한'), [
  q('bounded', t('How is the work shaped?', '작업이 어떤 모양인가요?'), [
    opt(t('A stream of jobs processed by long-lived workers', '오래 사는 워커가 처리하는 작업 흐름'), 'bounded/pool'),
    opt(t('A batch of tasks; the first error should stop the rest', '작업 묶음; 첫 오류에서 나머지를 멈춰야 함'), 'bounded/errgroup'),
    opt(t('Existing goroutines that need a cap on a section', '기존 고루틴의 한 구역에 상한이 필요함'), 'bounded/semaphore'),
  ]),
  leaf(
    'bounded/pool',
    t('Worker pool', '워커 풀'),
    t('A fixed number of goroutines bounds memory and load no matter how many jobs arrive (the seed\'s 무한 고루틴 생성 → Worker Pool).', '작업이 얼마나 오든 고정된 고루틴 수가 메모리와 부하를 제한합니다 (시드의 무한 고루틴 생성 → Worker Pool).'),
    [t('Predictable resource use and back-pressure through the bounded queue.', '예측 가능한 자원 사용과 제한된 큐를 통한 배압.'), t('Idle workers cost a little memory; sizing needs measurement.', '쉬는 워커도 메모리를 조금 씁니다. 크기는 측정이 필요합니다.')],
    [
      t('Not draining results blocks the workers once the buffer is full.', '결과를 비우지 않으면 버퍼가 차는 순간 워커가 막힙니다.'),
      t('Submit after Close panics (send on closed channel).', 'Close 뒤 Submit 은 panic 입니다 (닫힌 채널에 송신).'),
      t('A panic in one job kills the process: recover inside process if jobs are untrusted.', '작업 하나의 panic 이 프로세스를 죽입니다. 믿을 수 없는 작업이면 process 안에서 recover 하세요.'),
    ],
    ['worker-pool', 'loop-limit'],
  ),
  leaf(
    'bounded/errgroup',
    t('errgroup.SetLimit', 'errgroup.SetLimit'),
    t('golang.org/x/sync/errgroup runs a batch with a concurrency cap, propagates the first error and cancels the rest through its context.', 'golang.org/x/sync/errgroup 은 동시성 상한을 두고 묶음을 실행하며, 첫 오류를 전달하고 컨텍스트로 나머지를 취소합니다.'),
    [t('Tiny code, errors and cancellation built in.', '코드가 작고 오류와 취소가 내장됩니다.'), t('A dependency (golang.org/x/sync); only the first error is kept.', '의존성(golang.org/x/sync)이 생기고 첫 오류만 남습니다.')],
    [
      t('Tasks that ignore the group context keep running after the first error.', '그룹 컨텍스트를 무시하는 작업은 첫 오류 뒤에도 계속 돕니다.'),
      t('Before Go 1.22, capturing the loop variable in g.Go shares it between tasks.', 'Go 1.22 이전에는 g.Go 에서 반복 변수를 캡처하면 작업끼리 공유됩니다.'),
      t('SetLimit must be called before any Go call.', 'SetLimit 은 Go 호출 전에 불러야 합니다.'),
    ],
    ['errgroup-limit', 'loop-limit'],
  ),
  leaf(
    'bounded/semaphore',
    t('Semaphore', '세마포어'),
    t('A buffered channel caps how many goroutines are inside a section, with no dependency.', '버퍼 채널로 구역 안의 고루틴 수를 의존성 없이 제한합니다.'),
    [t('Drop-in around existing code.', '기존 코드에 바로 둘러쌀 수 있습니다.'), t('Still one goroutine per task: caps concurrency, not goroutine count, unless you acquire before `go`.', '여전히 작업마다 고루틴 하나: `go` 전에 획득하지 않으면 고루틴 수가 아니라 동시성만 제한합니다.')],
    [t('Acquire before starting the goroutine, or the goroutines still pile up.', '고루틴을 시작하기 전에 획득하세요. 아니면 고루틴이 여전히 쌓입니다.'), t('Release with defer, or a panic leaks a slot forever.', 'defer 로 해제하세요. 아니면 panic 이 슬롯을 영원히 새게 합니다.')],
    ['semaphore', 'loop-limit'],
  ),
]);

const timeouts = tree('timeouts', t('Timeouts and cancellation', '타임아웃과 취소'), [
  q('timeouts', t('What needs a limit?', '무엇에 제한이 필요한가요?'), [
    opt(t('One call that may take too long', '너무 오래 걸릴 수 있는 호출 하나'), 'timeouts/deadline'),
    opt(t('A blocking call I cannot pass a context to', '컨텍스트를 넘길 수 없는 막히는 호출'), 'timeouts/select'),
    opt(t('A loop that should stop when cancelled', '취소되면 멈춰야 하는 루프'), 'timeouts/loop'),
  ]),
  leaf(
    'timeouts/deadline',
    t('context.WithTimeout', 'context.WithTimeout'),
    t('A deadline derived from the caller\'s context bounds the call and still honours the caller\'s cancellation.', '호출자 컨텍스트에서 파생한 기한이 호출을 제한하면서 호출자의 취소도 따릅니다.'),
    [t('Propagates through every API that takes a context.', '컨텍스트를 받는 모든 API 로 전파됩니다.'), t('Only works if the callee watches ctx.', '호출받는 쪽이 ctx 를 지켜볼 때만 동작합니다.')],
    [
      t('Forgetting `defer cancel()` leaks the timer and the context until the deadline (go vet lostcancel).', '`defer cancel()` 을 잊으면 기한까지 타이머와 컨텍스트가 샙니다 (go vet lostcancel).'),
      t('context.Background() inside a request handler drops the request\'s cancellation: propagate ctx.', '요청 핸들러 안의 context.Background() 는 요청의 취소를 버립니다. ctx 를 전파하세요.'),
    ],
    ['context-timeout'],
  ),
  leaf(
    'timeouts/select',
    t('select on the result and ctx.Done()', '결과와 ctx.Done() 에 대한 select'),
    t('Run the call in a goroutine and wait for whichever comes first: its result or the context ending.', '호출을 고루틴에서 실행하고 결과와 컨텍스트 종료 중 먼저 오는 쪽을 기다립니다.'),
    [t('Bounds the caller\'s wait even if the call ignores ctx.', '호출이 ctx 를 무시해도 호출자의 대기를 제한합니다.'), t('The call itself keeps running until it returns.', '호출 자체는 돌아올 때까지 계속 실행됩니다.')],
    [
      t('An unbuffered result channel leaks the goroutine when the caller has given up.', '버퍼 없는 결과 채널은 호출자가 포기하면 고루틴을 누수시킵니다.'),
      t('time.After in a loop allocates a timer per iteration (collected only when it fires before Go 1.23).', '루프 안의 time.After 는 반복마다 타이머를 만듭니다 (Go 1.23 이전에는 울려야 회수됨).'),
    ],
    ['select-timeout'],
  ),
  leaf(
    'timeouts/loop',
    t('Check ctx.Done() in the loop', '루프에서 ctx.Done() 확인'),
    t('Long loops must look at the context between steps, or cancellation waits for the whole loop.', '긴 루프는 단계 사이에 컨텍스트를 봐야 합니다. 아니면 취소가 루프 전체를 기다립니다.'),
    [t('Prompt shutdown.', '빠른 종료.'), t('Cancellation latency is one step.', '취소 지연은 한 단계입니다.')],
    [t('A `default:` branch with no work in the loop spins a CPU.', '루프에 일이 없는 `default:` 분기는 CPU 를 태웁니다.'), t('Ignoring ctx means no timeout and no cancel (the seed\'s Context 무시).', 'ctx 를 무시하면 타임아웃도 취소도 없습니다 (시드의 Context 무시).')],
    ['cancel-loop'],
  ),
]);

export const decisionTrees: DecisionTree[] = [sharedState, database, bounded, timeouts];

/** Every node of every tree by id (ids are unique across trees). */
export function findNode(id: string): { tree: DecisionTree; node: DecisionNode } | undefined {
  for (const tree of decisionTrees) {
    const node = tree.nodes[id];
    if (node) return { tree, node };
  }
  return undefined;
}

/** Every path from a tree root to a leaf, as node ids (for tests and the checklist). */
export function allPaths(tree: DecisionTree): string[][] {
  const out: string[][] = [];
  const visit = (id: string, path: string[]) => {
    const node = tree.nodes[id];
    if (!node || path.includes(id)) return;
    if (node.kind === 'leaf') out.push([...path, id]);
    else for (const o of node.options) visit(o.next, [...path, id]);
  };
  visit(tree.root, []);
  return out;
}
