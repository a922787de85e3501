package lockttl

import (
	"context"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"
)

// OK: the TTL outlasts the work's timeout.
func ExportLong(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	ok, err := rdb.SetNX(ctx, "lock:export", "worker-1", 2*time.Minute).Result()
	if err != nil || !ok {
		return ErrBusy
	}
	work, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return run(work)
}

// OK: the lock is extended while the work runs.
func RebuildExtended(ctx context.Context, rs *redsync.Redsync, run func(context.Context) error) error {
	m := rs.NewMutex("rebuild", redsync.WithExpiry(5*time.Second))
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(context.Background())
	work, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	go func() {
		t := time.NewTicker(2 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-work.Done():
				return
			case <-t.C:
				_, _ = m.ExtendContext(work)
			}
		}
	}()
	return run(work)
}

// OK: the timeout only bounds waiting for the lock, not the work.
func ChargeWait(ctx context.Context, locker *redislock.Client, run func() error) error {
	wait, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	lock, err := locker.Obtain(wait, "charge", 3*time.Second, &redislock.Options{RetryStrategy: redislock.LinearBackoff(100 * time.Millisecond)})
	if err != nil {
		return err
	}
	defer lock.Release(context.Background())
	return run()
}

// Negative: a user's own Obtain on a type unrelated to a lock library.
type tokens struct{}

func (tokens) Obtain(_ context.Context, _ string, _ time.Duration, _ any) (int, error) { return 0, nil }

func Spend(ctx context.Context, t tokens, run func(context.Context) error) error {
	if _, err := t.Obtain(ctx, "budget", time.Second, nil); err != nil {
		return err
	}
	work, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return run(work)
}
