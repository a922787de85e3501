// Package pgdlock implements dlock with PostgreSQL advisory locks over
// jackc/pgx v5.
//
// Prefer [WithXactLock]: pg_advisory_xact_lock inside a transaction is
// released by COMMIT or ROLLBACK, cannot leak, and puts the lock and the
// writes it protects in one transaction.
//
// [Locker] gives session locks (pg_advisory_lock) for work that spans
// transactions or is not in the database. A session lock belongs to a
// database connection, so each lease pins one connection taken out of the
// pool for its whole life (a session lock taken through the pool would be
// released, or leaked, by whichever query next used that connection). The
// lease pings its connection; if the connection is lost the server has
// released the lock, and the lease's Context is cancelled with
// dlock.ErrLeaseLost. On any doubt (a failed unlock, a cancelled acquire)
// the connection is closed rather than returned to the pool, because closing
// it is what guarantees the server releases the lock.
//
// Each lease, and each Lock call waiting for one, holds a pool connection:
// size the pool for holders + waiters + the queries the holders run, or
// waiters can take every connection while the holder waits for one.
//
// Fencing tokens come from pg_current_xact_id(), which is cluster-wide and
// only grows, so a later lease always has a larger token.
//
// Written directly on pgx: no maintained library adds leases, a lost-lock
// context and fencing on top of advisory locks.
package pgdlock

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/goconc/goconc/runtime/dlock"
)

// Key derives a 64-bit advisory lock key from a name (FNV-1a).
func Key(name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return int64(h.Sum64())
}

// Option configures a Locker.
type Option func(*Locker)

// WithCheckInterval sets how often a lease pings its connection (default
// 1s): the longest a lost connection goes unnoticed.
func WithCheckInterval(d time.Duration) Option { return func(l *Locker) { l.check = d } }

// Locker is a session-level advisory lock on one key.
type Locker struct {
	pool  *pgxpool.Pool
	key   int64
	check time.Duration
}

var _ dlock.Locker = (*Locker)(nil)

// New returns a Locker for key (see [Key]) on pool.
func New(pool *pgxpool.Pool, key int64, opts ...Option) *Locker {
	l := &Locker{pool: pool, key: key, check: time.Second}
	for _, o := range opts {
		o(l)
	}
	return l
}

// Lock implements dlock.Locker. It waits in the server (pg_advisory_lock);
// if ctx ends first, the pinned connection is closed, which aborts the wait.
func (l *Locker) Lock(ctx context.Context) (dlock.Lease, error) {
	return l.acquire(ctx, "SELECT true FROM pg_advisory_lock($1)")
}

// TryLock implements dlock.Locker.
func (l *Locker) TryLock(ctx context.Context) (dlock.Lease, error) {
	return l.acquire(ctx, "SELECT pg_try_advisory_lock($1)")
}

func (l *Locker) acquire(ctx context.Context, q string) (dlock.Lease, error) {
	conn, err := l.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("pgdlock: acquire connection: %w", err)
	}
	var ok bool
	if err := queryCancellable(ctx, conn, q, l.key, &ok); err != nil {
		closeConn(conn) // the lock may have been granted: closing releases it
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("pgdlock: lock %d: %w", l.key, err)
	}
	if !ok {
		conn.Release()
		return nil, dlock.ErrNotAcquired
	}
	var fence int64
	if err := conn.QueryRow(ctx, "SELECT pg_current_xact_id()::text::bigint").Scan(&fence); err != nil {
		closeConn(conn)
		return nil, fmt.Errorf("pgdlock: fencing token: %w", err)
	}
	lctx, cancel := context.WithCancelCause(ctx)
	le := &lease{l: l, conn: conn, fence: fence, ctx: lctx, cancel: cancel,
		stop: make(chan struct{}), stopped: make(chan struct{})}
	go le.watch()
	return le, nil
}

// queryCancellable runs a single-row query; if ctx ends first it sends the
// server a cancel request, so a backend waiting in pg_advisory_lock stops
// waiting (PostgreSQL does not notice a closed client socket while it waits
// for a lock, and would take the lock for a client that is gone).
func queryCancellable(ctx context.Context, conn *pgxpool.Conn, q string, arg any, dest any) error {
	done := make(chan error, 1)
	go func() { done <- conn.QueryRow(context.WithoutCancel(ctx), q, arg).Scan(dest) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	pc := conn.Conn().PgConn()
	cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = pc.CancelRequest(cctx)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second): // cancel request lost: cut the socket
		_ = pc.Conn().Close()
		<-done
	}
	return ctx.Err()
}

// closeConn takes conn out of the pool and closes it.
func closeConn(conn *pgxpool.Conn) {
	c := conn.Hijack()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_ = c.Close(ctx)
}

type lease struct {
	l      *Locker
	mu     sync.Mutex // serialises use of conn
	conn   *pgxpool.Conn
	fence  int64
	ctx    context.Context
	cancel context.CancelCauseFunc

	stop, stopped chan struct{}
	once          sync.Once
	unlockErr     error
}

func (le *lease) Token() int64             { return le.fence }
func (le *lease) Context() context.Context { return le.ctx }

func (le *lease) watch() {
	defer close(le.stopped)
	t := time.NewTicker(le.l.check)
	defer t.Stop()
	for {
		select {
		case <-le.stop:
			return
		case <-le.ctx.Done(): // the caller's context ended without Unlock
			le.mu.Lock()
			closeConn(le.conn)
			le.conn = nil
			le.mu.Unlock()
			return
		case <-t.C:
		}
		le.mu.Lock()
		ctx, cancel := context.WithTimeout(context.Background(), max(le.l.check, time.Second))
		err := le.conn.Ping(ctx)
		cancel()
		if err != nil {
			closeConn(le.conn)
			le.conn = nil
			le.mu.Unlock()
			le.cancel(fmt.Errorf("%w: connection lost: %v", dlock.ErrLeaseLost, err))
			return
		}
		le.mu.Unlock()
	}
}

// Unlock implements dlock.Lease.
func (le *lease) Unlock(ctx context.Context) error {
	le.once.Do(func() {
		close(le.stop)
		<-le.stopped
		le.mu.Lock()
		defer le.mu.Unlock()
		if le.conn == nil {
			le.unlockErr = dlock.ErrLeaseLost
			le.cancel(dlock.ErrLeaseLost)
			return
		}
		var ok bool
		err := le.conn.QueryRow(ctx, "SELECT pg_advisory_unlock($1)", le.l.key).Scan(&ok)
		switch {
		case err != nil:
			closeConn(le.conn) // closing the session releases the lock
			if pgconnLost(err) {
				le.unlockErr = dlock.ErrLeaseLost
			} else {
				le.unlockErr = fmt.Errorf("pgdlock: unlock %d: %w", le.l.key, err)
			}
		case !ok:
			closeConn(le.conn)
			le.unlockErr = dlock.ErrLeaseLost
		default:
			le.conn.Release()
		}
		le.conn = nil
		if errors.Is(le.unlockErr, dlock.ErrLeaseLost) {
			le.cancel(dlock.ErrLeaseLost)
		} else {
			le.cancel(dlock.ErrUnlocked)
		}
	})
	return le.unlockErr
}

func pgconnLost(err error) bool {
	var st interface{ SQLState() string }
	if errors.As(err, &st) {
		return st.SQLState() == "57P01" // admin_shutdown (terminated)
	}
	return false
}

// WithXactLock runs fn in a transaction holding pg_advisory_xact_lock(key).
// The lock is released when the transaction ends (commit if fn returns nil,
// rollback otherwise). This is the recommended form: the lock cannot leak
// and it covers exactly the writes it protects.
func WithXactLock(ctx context.Context, pool *pgxpool.Pool, key int64, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", key); err != nil {
			return fmt.Errorf("pgdlock: xact lock %d: %w", key, err)
		}
		return fn(tx)
	})
}
