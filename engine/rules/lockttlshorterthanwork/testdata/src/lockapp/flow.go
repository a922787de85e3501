package lockttl

import (
	"context"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"

	"example.com/lockapp/dlock/redisdlock"
)

const lockTTL = 5 * time.Second

// A named constant TTL and time.Duration(n) * time.Second for the work.
func Reconcile(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	ok, err := rdb.SetNX(ctx, "lock:reconcile", "1", lockTTL).Result() // want "lock TTL 5s is shorter than the 2m timeout"
	if err != nil || !ok {
		return ErrBusy
	}
	work, cancel := context.WithTimeout(ctx, time.Duration(120)*time.Second)
	defer cancel()
	return run(work)
}

// Durations in locals and a package variable, followed through SSA.
var exportTimeout = 45 * time.Second

func Sync(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	n := 3
	ttl := time.Duration(n) * time.Second
	ok, err := rdb.SetNX(ctx, "lock:sync", "1", ttl).Result() // want "lock TTL 3s is shorter than the 45s timeout"
	if err != nil || !ok {
		return ErrBusy
	}
	work, cancel := context.WithTimeout(ctx, exportTimeout)
	defer cancel()
	return run(work)
}

// SetArgs with Mode NX and a TTL; the work bounded by a deadline.
func Snapshot(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	if err := rdb.SetArgs(ctx, "lock:snap", "1", redis.SetArgs{Mode: "NX", TTL: 4 * time.Second}).Err(); err != nil { // want "lock TTL 4s is shorter than the 1m timeout"
		return err
	}
	work, cancel := context.WithDeadline(ctx, time.Now().Add(time.Minute))
	defer cancel()
	return run(work)
}

// SET NX EX in seconds, the work's context used in a goroutine after the lock.
func Fanout(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	work, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	if err := rdb.Do(ctx, "SET", "lock:fanout", "1", "NX", "EX", 30).Err(); err != nil { // want "lock TTL 30s is shorter than the 90s timeout"
		return err
	}
	done := make(chan error, 1)
	go func() { done <- run(work) }()
	return <-done
}

// redisdlock: WithTTL with the watchdog switched off.
func Publish(ctx context.Context, run func(context.Context) error) error {
	lease, err := redisdlock.New("publish", redisdlock.WithTTL(2*time.Second), redisdlock.WithoutWatchdog()).Lock(ctx) // want "lock TTL 2s is shorter than the 10s timeout"
	if err != nil {
		return err
	}
	defer lease.Unlock(context.WithoutCancel(ctx))
	work, cancel := context.WithTimeout(lease.Context(), 10*time.Second)
	defer cancel()
	return run(work)
}

// redislock's package-level Obtain.
func Bill(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	lock, err := redislock.Obtain(ctx, rdb, "bill", 1500*time.Millisecond, nil) // want "lock TTL 1500ms is shorter than the 5s timeout"
	if err != nil {
		return err
	}
	defer lock.Release(context.Background())
	work, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return run(work)
}

// Negative: redisdlock's watchdog renews by default.
func PublishRenewed(ctx context.Context, run func(context.Context) error) error {
	lease, err := redisdlock.New("publish", redisdlock.WithTTL(2*time.Second)).Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(context.WithoutCancel(ctx))
	work, cancel := context.WithTimeout(lease.Context(), 10*time.Second)
	defer cancel()
	return run(work)
}

// Negative: a watchdog goroutine of the type refreshes the lock.
type Job struct {
	locker *redislock.Client
}

func (j *Job) keepLock(ctx context.Context, lock *redislock.Lock) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = lock.Refresh(ctx, 3*time.Second, nil)
		}
	}
}

func (j *Job) Run(ctx context.Context, run func(context.Context) error) error {
	lock, err := j.locker.Obtain(ctx, "job", 3*time.Second, nil)
	if err != nil {
		return err
	}
	defer lock.Release(context.Background())
	work, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	go j.keepLock(work, lock)
	return run(work)
}

// Negative: the key's expiry pushed out by another method of the same type.
type Lease struct {
	rdb *redis.Client
	key string
}

func (l *Lease) Take(ctx context.Context, run func(context.Context) error) error {
	ok, err := l.rdb.SetNX(ctx, l.key, "1", 5*time.Second).Result()
	if err != nil || !ok {
		return ErrBusy
	}
	work, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return run(work)
}

func (l *Lease) Keep(ctx context.Context) error {
	return l.rdb.Expire(ctx, l.key, 5*time.Second).Err()
}

// Negative: TTL and timeout from the caller are not judged.
func Configured(ctx context.Context, rdb *redis.Client, ttl, limit time.Duration, run func(context.Context) error) error {
	ok, err := rdb.SetNX(ctx, "lock:cfg", "1", ttl).Result()
	if err != nil || !ok {
		return ErrBusy
	}
	work, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	return run(work)
}

// Negative: the timeout is in another function.
func Outer(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	ok, err := rdb.SetNX(ctx, "lock:outer", "1", time.Second).Result()
	if err != nil || !ok {
		return ErrBusy
	}
	return inner(ctx, run)
}

func inner(ctx context.Context, run func(context.Context) error) error {
	work, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return run(work)
}

// Negative: redsync with a TTL equal to the timeout.
func RebuildEqual(ctx context.Context, rs *redsync.Redsync, run func(context.Context) error) error {
	m := rs.NewMutex("rebuild", redsync.WithExpiry(30*time.Second))
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(context.Background())
	work, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return run(work)
}

// Negative: the timeout bounds waiting for the lock and its release, not the work (which takes no context).
func Nightly(ctx context.Context, locker *redislock.Client, run func() error) error {
	wait, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	lock, err := locker.Obtain(wait, "nightly", 5*time.Second, nil)
	if err != nil {
		return err
	}
	defer lock.Release(wait)
	return run()
}

// Negative: redsync's LockContext and UnlockContext take the timeout's context; the work does not.
func NightlyRedsync(ctx context.Context, rs *redsync.Redsync, run func() error) error {
	wait, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	m := rs.NewMutex("nightly", redsync.WithExpiry(5*time.Second))
	if err := m.LockContext(wait); err != nil {
		return err
	}
	defer m.UnlockContext(wait)
	return run()
}
