// DB concurrency: GORM optimistic (version column) and pessimistic
// (SELECT … FOR UPDATE) locking, distributed locks over Redis and PostgreSQL.
import { goFeatures } from '../goVersion';
import { durationExpression, receiverName } from '../names';
import type { Pattern } from '../types';
import { deps, generated, lib, param, std } from './common';

/** What a row lock does when another transaction holds the row; shared with the tx-locking rewrite. */
export const lockWaitParam = param('wait', 'choice', 'wait', 'When the row is locked', '행이 잠겨 있을 때', [
  { value: 'wait', label: { en: 'wait for the lock', ko: '락을 기다림' } },
  { value: 'nowait', label: { en: 'fail at once (NOWAIT)', ko: '즉시 실패 (NOWAIT)' } },
  { value: 'skip', label: { en: 'skip locked rows (SKIP LOCKED)', ko: '잠긴 행 건너뜀 (SKIP LOCKED)' } },
]);

/** The clause.Locking options for an answer of lockWaitParam. */
export const lockOptions = (wait: string | undefined) => (wait === 'nowait' ? ', Options: "NOWAIT"' : wait === 'skip' ? ', Options: "SKIP LOCKED"' : '');

const modelParams = [
  param('model', 'identifier', 'Product', 'Model type', '모델 타입'),
  param('idType', 'type', 'uint', 'Primary key type', '기본 키 타입'),
  param('declareModel', 'bool', 'true', 'Declare the model (off when it already exists)', '모델 선언 (이미 있으면 끔)'),
];

function modelDecl(model: string, idType: string): string {
  return `
// ${model} is an example model; Version is the optimistic-locking column.
type ${model} struct {
	ID      ${idType} \`gorm:"primaryKey"\`
	Name    string
	Stock   int
	Version int64 \`gorm:"not null;default:1"\`
}
`;
}

export const optimisticGorm: Pattern = {
  id: 'optimistic-gorm',
  title: { en: 'Optimistic locking with a version column (GORM)', ko: '버전 컬럼으로 낙관적 락 (GORM)' },
  summary: {
    en: 'Reads the row, applies the change and writes it only WHERE version = the version read; zero rows affected means a conflict (retry with jittered backoff) or a deleted row (re-read tells which).',
    ko: '행을 읽고 변경을 적용한 뒤, 읽은 버전과 같을 때만(WHERE version = ?) 씁니다. 영향받은 행이 0 이면 충돌(지터 백오프로 재시도)이거나 삭제된 행(다시 읽어 구분)입니다.',
  },
  params: [...modelParams, param('attempts', 'int', '5', 'Attempts before giving up', '포기하기 전 시도 횟수')],
  generate(a) {
    const M = a.model!;
    const id = a.idType!;
    const n = a.attempts!;
    const code = `${a.declareModel === 'false' ? '' : modelDecl(M, id)}
var (
	// Err${M}NotFound: the row does not exist (or was deleted meanwhile).
	Err${M}NotFound = errors.New("${M.toLowerCase()} not found")
	// Err${M}Conflict: every attempt lost the race to a concurrent writer.
	Err${M}Conflict = errors.New("${M.toLowerCase()} was modified concurrently")
)

// Update${M}WithVersion reads the ${M} with the given id, lets mutate change
// it and writes every column back only if the row still has the version that
// was read. It retries lost races with jittered backoff. Do not use Save here:
// when Save updates zero rows, GORM falls back to an INSERT … ON CONFLICT and
// silently overwrites the concurrent change.
func Update${M}WithVersion(ctx context.Context, db *gorm.DB, id ${id}, mutate func(*${M}) error) error {
	backoff := 10 * time.Millisecond
	for attempt := 0; attempt < ${n}; attempt++ {
		var row ${M}
		if err := db.WithContext(ctx).First(&row, "id = ?", id).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return Err${M}NotFound
			}
			return err
		}
		read := row.Version
		if err := mutate(&row); err != nil {
			return err
		}
		row.Version = read + 1
		res := db.WithContext(ctx).Model(&row).Where("version = ?", read).Select("*").Updates(&row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 1 {
			return nil
		}
		// Zero rows: either someone else bumped the version, or the row is gone.
		var count int64
		if err := db.WithContext(ctx).Model(&${M}{}).Where("id = ?", id).Count(&count).Error; err != nil {
			return err
		}
		if count == 0 {
			return Err${M}NotFound
		}
		select {
		case <-time.After(backoff + time.Duration(rand.Int63n(int64(backoff)))):
		case <-ctx.Done():
			return ctx.Err()
		}
		backoff *= 2
	}
	return Err${M}Conflict
}
`;
    return generated(code, [std.context, std.errors, std.rand, std.time, lib.gorm], { dependencies: [deps.gorm] });
  },
};

export const pessimisticGorm: Pattern = {
  id: 'pessimistic-gorm',
  title: { en: 'Pessimistic locking: SELECT … FOR UPDATE (GORM)', ko: '비관적 락: SELECT … FOR UPDATE (GORM)' },
  summary: {
    en: 'Locks the row inside a transaction before reading it; other writers wait (or fail at once with NOWAIT, or skip it with SKIP LOCKED) until the commit.',
    ko: '트랜잭션 안에서 행을 읽기 전에 잠급니다. 다른 쓰기는 커밋까지 기다리거나 (NOWAIT 이면 즉시 실패, SKIP LOCKED 이면 건너뜀) 합니다.',
  },
  params: [
    ...modelParams,
    lockWaitParam,
  ],
  generate(a) {
    const M = a.model!;
    const id = a.idType!;
    const options = lockOptions(a.wait);
    const note =
      a.wait === 'nowait'
        ? '\n// With NOWAIT a locked row fails at once with a lock error (PostgreSQL 55P03,\n// MySQL 3572): retry later or report "busy".'
        : a.wait === 'skip'
          ? '\n// With SKIP LOCKED a row another transaction holds is treated as absent\n// (gorm.ErrRecordNotFound): right for job queues, wrong for "update this row".'
          : '\n// Waiting is bounded only by the database lock timeout: pass a ctx with a deadline.';
    const code = `${a.declareModel === 'false' ? '' : modelDecl(M, id)}
// Update${M}Locked locks the ${M} row with SELECT … FOR UPDATE inside a
// transaction, lets mutate change it and saves it; concurrent callers are
// serialised by the database until the commit.${note}
// SQLite has no row locks and GORM drops the clause there silently, so the
// function refuses to run on it rather than pretend to lock.
func Update${M}Locked(ctx context.Context, db *gorm.DB, id ${id}, mutate func(tx *gorm.DB, row *${M}) error) error {
	if db.Dialector.Name() == "sqlite" {
		return errors.New("SELECT ... FOR UPDATE is not supported on SQLite; serialise writers another way")
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row ${M}
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"${options}}).First(&row, "id = ?", id).Error; err != nil {
			return err
		}
		if err := mutate(tx, &row); err != nil {
			return err
		}
		return tx.Select("*").Updates(&row).Error
	})
}
`;
    return generated(code, [std.context, std.errors, lib.gorm, lib.clause], { dependencies: [deps.gorm] });
  },
};

export const dlockRedis: Pattern = {
  id: 'dlock-redis',
  title: { en: 'Distributed lock on Redis (token, CAS delete, TTL, renewal, fencing)', ko: 'Redis 분산 락 (토큰, CAS 삭제, TTL, 갱신, 펜싱)' },
  summary: {
    en: 'SET NX PX with a random token and a fencing counter in one script; a watchdog renews at TTL/3 with compare-and-PEXPIRE; release is compare-and-delete; the lease context is cancelled when the lock is lost.',
    ko: '무작위 토큰과 펜싱 카운터를 스크립트 하나에서 SET NX PX 로 잡습니다. 워치독이 TTL/3 마다 비교 후 PEXPIRE 로 갱신하고, 해제는 비교 후 삭제입니다. 락을 잃으면 lease 컨텍스트가 취소됩니다.',
  },
  params: [param('name', 'identifier', 'RedisLock', 'Type name', '타입 이름'), param('ttl', 'duration', '10s', 'Lease TTL', '임대 TTL')],
  generate(a, t) {
    const L = a.name!;
    const r = receiverName(L, ['ctx', 'key', 'token', 'fence', 'lease', 'err', 'b']);
    // The lease outlives Acquire's ctx on purpose: keep its values, drop its cancellation.
    const detach = goFeatures(t.goVersion).onceValue
      ? 'lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))'
      : '//goconc:ignore ctx-not-propagated the lease outlives Acquire\'s ctx on purpose (context.WithoutCancel needs Go 1.21)\n\t\t\tlctx, cancel := context.WithCancel(context.Background())';
    const d = durationExpression(a.ttl ?? '') ?? '10 * time.Second';
    const code = `
// ${L} is a lease-based lock shared by every process that uses the same Redis
// key. Correctness rules it follows: a random token per holder (never delete a
// lock you do not own), compare-and-delete/compare-and-expire in Lua, a TTL so
// a crashed holder frees the lock, renewal at TTL/3, and a fencing token that
// grows with every acquisition. Pauses (GC, SIGSTOP) can still outlive the
// TTL: pass Lease.Fence to the storage you protect and reject smaller tokens.
// In Redis Cluster both keys share the {hash tag} so the scripts stay on one slot.
type ${L} struct {
	client   redis.Scripter
	key      string
	fenceKey string
	ttl      time.Duration
}

// ${L}Lease is one holding of the lock.
type ${L}Lease struct {
	// Fence increases with every acquisition of this lock: send it with writes.
	Fence  int64
	lock   *${L}
	token  string
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

var (
	${lc(L)}Acquire = redis.NewScript(\`
if redis.call("SET", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
	return redis.call("INCR", KEYS[2])
end
return 0\`)
	${lc(L)}Renew = redis.NewScript(\`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("PEXPIRE", KEYS[1], ARGV[2])
end
return 0\`)
	${lc(L)}Release = redis.NewScript(\`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0\`)
)

// New${L} returns a lock named name with the given TTL (default ${a.ttl ?? '10s'}).
func New${L}(client redis.Scripter, name string, ttl time.Duration) *${L} {
	if ttl <= 0 {
		ttl = ${d}
	}
	return &${L}{client: client, key: "lock:{" + name + "}", fenceKey: "lock:{" + name + "}:fence", ttl: ttl}
}

// Acquire waits until the lock is free or ctx is done. The returned lease's
// Context is cancelled if the lock is lost (renewal failed) or released.
func (${r} *${L}) Acquire(ctx context.Context) (*${L}Lease, error) {
	buf := make([]byte, 16)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	token := hex.EncodeToString(buf)
	wait := 20 * time.Millisecond
	for {
		fence, err := ${lc(L)}Acquire.Run(ctx, ${r}.client, []string{${r}.key, ${r}.fenceKey}, token, ${r}.ttl.Milliseconds()).Int64()
		if err != nil {
			return nil, err
		}
		if fence > 0 {
			${detach}
			lease := &${L}Lease{Fence: fence, lock: ${r}, token: token, ctx: lctx, cancel: cancel, done: make(chan struct{})}
			go lease.renew()
			return lease, nil
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if wait < ${r}.ttl/4 {
			wait *= 2
		}
	}
}

// Context is done when the lease is lost or released: stop the protected work.
func (l *${L}Lease) Context() context.Context { return l.ctx }

func (l *${L}Lease) renew() {
	defer close(l.done)
	ticker := time.NewTicker(l.lock.ttl / 3)
	defer ticker.Stop()
	for {
		select {
		case <-l.ctx.Done():
			return
		case <-ticker.C:
			ctx, cancel := context.WithTimeout(l.ctx, l.lock.ttl/3)
			ok, err := ${lc(L)}Renew.Run(ctx, l.lock.client, []string{l.lock.key}, l.token, l.lock.ttl.Milliseconds()).Int64()
			cancel()
			if err != nil || ok == 0 {
				// Lost (expired and taken, or Redis unreachable for too long).
				l.cancel()
				return
			}
		}
	}
}

// Release stops renewal and deletes the key only if this lease still owns it.
func (l *${L}Lease) Release(ctx context.Context) error {
	l.cancel()
	<-l.done
	return ${lc(L)}Release.Run(ctx, l.lock.client, []string{l.lock.key}, l.token).Err()
}
`;
    return generated(code, [std.context, std.cryptoRand, std.hex, std.time, lib.redis], { dependencies: [deps.redis] });
  },
};

export const dlockPostgres: Pattern = {
  id: 'dlock-postgres',
  title: { en: 'Distributed lock: PostgreSQL advisory lock on a pinned connection', ko: '분산 락: 고정 커넥션의 PostgreSQL advisory lock' },
  summary: {
    en: 'pg_advisory_lock is held by a session, so the lock pins one pooled connection from lock to unlock; a transaction-scoped variant (pg_advisory_xact_lock) releases itself at commit.',
    ko: 'pg_advisory_lock 은 세션이 잡으므로 잠금부터 해제까지 풀의 커넥션 하나를 고정합니다. 트랜잭션 범위 변형(pg_advisory_xact_lock)은 커밋 때 스스로 풀립니다.',
  },
  params: [param('name', 'identifier', 'AdvisoryLock', 'Type name', '타입 이름')],
  generate(a) {
    const L = a.name!;
    const r = receiverName(L, ['ctx', 'conn', 'err', 'ok', 'tx', 'fn', 'h']);
    const code = `
// ${L} is a PostgreSQL advisory lock identified by a 64-bit key derived from
// a name. Session locks belong to the connection that took them, so Lock pins
// a pool connection until Unlock: unlocking on another connection is a no-op,
// and returning a connection to the pool with the lock held leaks it to the
// next user. PgBouncer in transaction mode breaks session locks: use
// WithXactLock there. If the connection drops, the lock is gone: do the
// protected writes on the same connection or check before committing.
type ${L} struct {
	pool *pgxpool.Pool
	key  int64
}

// ${L}Held is a held session lock and the connection that holds it.
type ${L}Held struct {
	conn *pgxpool.Conn
	key  int64
}

// New${L} derives the lock key from name (FNV-1a).
func New${L}(pool *pgxpool.Pool, name string) *${L} {
	h := fnv.New64a()
	h.Write([]byte(name))
	return &${L}{pool: pool, key: int64(h.Sum64())}
}

// Lock waits for the lock (or ctx) on a connection it keeps until Unlock.
func (${r} *${L}) Lock(ctx context.Context) (*${L}Held, error) {
	conn, err := ${r}.pool.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", ${r}.key); err != nil {
		// The lock state is unknown: drop the connection rather than reuse it.
		conn.Conn().Close(context.Background())
		conn.Release()
		return nil, err
	}
	return &${L}Held{conn: conn, key: ${r}.key}, nil
}

// TryLock takes the lock only if it is free; ok is false when another session holds it.
func (${r} *${L}) TryLock(ctx context.Context) (held *${L}Held, ok bool, err error) {
	conn, err := ${r}.pool.Acquire(ctx)
	if err != nil {
		return nil, false, err
	}
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", ${r}.key).Scan(&ok); err != nil || !ok {
		conn.Release()
		return nil, false, err
	}
	return &${L}Held{conn: conn, key: ${r}.key}, true, nil
}

// Conn is the pinned connection: run the protected statements on it.
func (h *${L}Held) Conn() *pgxpool.Conn { return h.conn }

// Unlock releases the lock on the same connection and returns it to the pool.
func (h *${L}Held) Unlock(ctx context.Context) error {
	defer h.conn.Release()
	var released bool
	if err := h.conn.QueryRow(ctx, "SELECT pg_advisory_unlock($1)", h.key).Scan(&released); err != nil || !released {
		// Never hand a connection that may still hold the lock back to the pool.
		h.conn.Conn().Close(context.Background())
		if err != nil {
			return err
		}
		return errors.New("advisory lock was not held by this session")
	}
	return nil
}

// WithXactLock runs fn in a transaction holding pg_advisory_xact_lock; the
// lock is released by COMMIT or ROLLBACK, so nothing can leak.
func (${r} *${L}) WithXactLock(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, ${r}.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", ${r}.key); err != nil {
			return err
		}
		return fn(tx)
	})
}
`;
    return generated(code, [std.context, std.errors, std.fnv, lib.pgx, lib.pgxpool], { dependencies: [deps.pgx] });
  },
};

function lc(name: string): string {
  const first = String.fromCodePoint(name.codePointAt(0) ?? 120);
  const low = first.toLowerCase() + name.slice(first.length);
  return low === name ? `${name}Script` : low;
}
