// Package redisdlock implements dlock over a single Redis (or one Redis
// primary) with go-redis v9.
//
// Acquire is one Lua script: SET key token NX PX ttl and, on success, a
// fencing token from a counter that never goes below the server's clock in
// microseconds, so tokens keep growing even if Redis restarts empty. Release
// is a compare-and-delete script and renewal a compare-and-PEXPIRE script,
// so a holder can never delete or extend a lock that expired and was taken
// by someone else. A watchdog renews the lease every TTL/3; when renewal
// reports the lock gone, or the lease's validity (measured locally from
// before the last successful renewal) runs out without a successful renewal,
// it cancels the lease's Context with dlock.ErrLeaseLost. It always stops on
// Unlock.
//
// Written by hand rather than wrapping go-redsync/redsync or bsm/redislock:
// neither gives fencing tokens or a context that is cancelled when the lease
// is lost, and redsync's quorum over independent nodes is not what a single
// primary with replicas offers. The scripts are short and tested against a
// real server, including killing it under a held lock.
//
// A Redis lock is for efficiency, not correctness: asynchronous replication
// can lose a lock on failover and a paused holder can outlive its lease.
// Guard the protected write with the lease's Token (see package dlock).
package redisdlock

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/goconc/goconc/runtime/dlock"
)

var (
	acquireScript = redis.NewScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local f = redis.call('INCR', KEYS[2])
  if f < now then
    f = now
    redis.call('SET', KEYS[2], f)
  end
  return f
end
return 0`)
	releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`)
	extendScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`)
)

// Option configures a Locker.
type Option func(*Locker)

// WithTTL sets the lease duration (default 10s). The watchdog renews at a
// third of it.
func WithTTL(d time.Duration) Option { return func(l *Locker) { l.ttl = d } }

// WithRetry sets the jittered backoff of Lock between attempts: the n-th
// wait is uniform in [0, min(limit, base·2ⁿ)] (defaults 2ms, 100ms).
func WithRetry(base, limit time.Duration) Option {
	return func(l *Locker) { l.retryBase, l.retryLimit = base, limit }
}

// WithoutWatchdog disables renewal: the lease simply expires after the TTL
// and its Context is cancelled then.
func WithoutWatchdog() Option { return func(l *Locker) { l.watchdog = false } }

// WithKeyPrefix sets the prefix of the Redis keys (default "goconc:lock:").
// The keys are prefix+"{"+name+"}" and the same with ":fence" appended; the
// braces keep both in one Redis Cluster slot.
func WithKeyPrefix(p string) Option { return func(l *Locker) { l.prefix = p } }

// Locker is a named lock in Redis. It is safe for concurrent use; every
// Lock/TryLock returns an independent lease.
type Locker struct {
	rdb                   redis.Scripter
	name, prefix          string
	key, fenceKey         string
	ttl                   time.Duration
	retryBase, retryLimit time.Duration
	watchdog              bool
}

var _ dlock.Locker = (*Locker)(nil)

// New returns a Locker for name on rdb (a *redis.Client, *redis.Ring or
// *redis.ClusterClient).
func New(rdb redis.Scripter, name string, opts ...Option) *Locker {
	l := &Locker{rdb: rdb, name: name, prefix: "goconc:lock:", ttl: 10 * time.Second,
		retryBase: 2 * time.Millisecond, retryLimit: 100 * time.Millisecond, watchdog: true}
	for _, o := range opts {
		o(l)
	}
	l.key = l.prefix + "{" + name + "}"
	l.fenceKey = l.key + ":fence"
	return l
}

// Lock implements dlock.Locker: it retries with jittered backoff until it
// holds the lock or ctx is done.
func (l *Locker) Lock(ctx context.Context) (dlock.Lease, error) {
	for attempt := 0; ; attempt++ {
		lease, err := l.TryLock(ctx)
		if !errors.Is(err, dlock.ErrNotAcquired) {
			return lease, err
		}
		d := l.retryBase << min(attempt, 20)
		if d <= 0 || d > l.retryLimit {
			d = l.retryLimit
		}
		t := time.NewTimer(mrand.N(d + 1))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// TryLock implements dlock.Locker.
func (l *Locker) TryLock(ctx context.Context) (dlock.Lease, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	token := hex.EncodeToString(b[:])
	start := time.Now()
	fence, err := acquireScript.Run(ctx, l.rdb, []string{l.key, l.fenceKey}, token, l.ttl.Milliseconds()).Int64()
	if err != nil {
		// The SET may have happened before the error: release best-effort
		// so the key does not block others for a whole TTL.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		_ = releaseScript.Run(rctx, l.rdb, []string{l.key}, token).Err()
		cancel()
		return nil, fmt.Errorf("redisdlock: acquire %q: %w", l.name, err)
	}
	if fence == 0 {
		return nil, dlock.ErrNotAcquired
	}
	lctx, cancel := context.WithCancelCause(ctx)
	le := &lease{l: l, token: token, fence: fence, ctx: lctx, cancel: cancel,
		stop: make(chan struct{}), stopped: make(chan struct{})}
	le.validUntil = start.Add(l.ttl - drift(l.ttl))
	go le.watch()
	return le, nil
}

// drift is the safety margin subtracted from a lease's validity for clock
// drift between this process and Redis (as in the Redlock paper).
func drift(ttl time.Duration) time.Duration { return ttl/100 + 2*time.Millisecond }

type lease struct {
	l          *Locker
	token      string
	fence      int64
	ctx        context.Context
	cancel     context.CancelCauseFunc
	validUntil time.Time // touched only by watch

	stop, stopped chan struct{}
	once          sync.Once
	unlockErr     error
}

func (le *lease) Token() int64             { return le.fence }
func (le *lease) Context() context.Context { return le.ctx }

// watch renews the lease (if the watchdog is on) and cancels the lease
// context once the lock is lost or its validity ran out.
func (le *lease) watch() {
	defer close(le.stopped)
	ttl := le.l.ttl
	every := ttl / 3
	if !le.l.watchdog {
		every = time.Until(le.validUntil)
	}
	timer := time.NewTimer(every)
	defer timer.Stop()
	for {
		select {
		case <-le.stop:
			return
		case <-le.ctx.Done():
			// The caller's context ended without Unlock: give the lock back
			// rather than leave it blocking others for a TTL.
			rctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_ = releaseScript.Run(rctx, le.l.rdb, []string{le.l.key}, le.token).Err()
			cancel()
			return
		case <-timer.C:
		}
		if !le.l.watchdog {
			le.cancel(dlock.ErrLeaseLost)
			return
		}
		if !time.Now().Before(le.validUntil) {
			le.cancel(dlock.ErrLeaseLost) // paused or cut off past the lease
			return
		}
		start := time.Now()
		rctx, cancel := context.WithDeadline(context.Background(), le.validUntil)
		n, err := extendScript.Run(rctx, le.l.rdb, []string{le.l.key}, le.token, ttl.Milliseconds()).Int64()
		cancel()
		switch {
		case err == nil && n == 1:
			if !time.Now().Before(le.validUntil) {
				// We were paused between sending and now; the renewal may
				// have landed after expiry and someone else's lock.
				le.cancel(dlock.ErrLeaseLost)
				return
			}
			le.validUntil = start.Add(ttl - drift(ttl))
			timer.Reset(every)
		case err == nil: // n == 0: the key is gone or someone else's
			le.cancel(dlock.ErrLeaseLost)
			return
		default: // transport error: retry soon until validity runs out
			retry := min(every/4, time.Until(le.validUntil))
			timer.Reset(max(retry, time.Millisecond))
		}
	}
}

// Unlock implements dlock.Lease.
func (le *lease) Unlock(ctx context.Context) error {
	le.once.Do(func() {
		close(le.stop)
		<-le.stopped
		lost := le.ctx.Err() != nil && errors.Is(context.Cause(le.ctx), dlock.ErrLeaseLost)
		n, err := releaseScript.Run(ctx, le.l.rdb, []string{le.l.key}, le.token).Int64()
		switch {
		case err != nil:
			le.unlockErr = fmt.Errorf("redisdlock: release %q: %w", le.l.name, err)
		case n == 0 || lost:
			le.unlockErr = dlock.ErrLeaseLost
		}
		if le.unlockErr != nil && errors.Is(le.unlockErr, dlock.ErrLeaseLost) {
			le.cancel(dlock.ErrLeaseLost)
		} else {
			le.cancel(dlock.ErrUnlocked)
		}
	})
	return le.unlockErr
}
