package lockttl

import (
	"context"
	"errors"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	"github.com/redis/go-redis/v9"
)

var ErrBusy = errors.New("busy")

// The lock lasts 10s, the export may take a minute, and nothing extends the lock.
func Export(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	ok, err := rdb.SetNX(ctx, "lock:export", "worker-1", 10*time.Second).Result() // want "lock TTL 10s is shorter than the 1m timeout"
	if err != nil || !ok {
		return ErrBusy
	}
	work, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return run(work)
}

// redsync: WithExpiry(5s) under a 30s deadline.
func Rebuild(ctx context.Context, rs *redsync.Redsync, run func(context.Context) error) error {
	work, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	m := rs.NewMutex("rebuild", redsync.WithExpiry(5*time.Second)) // want "lock TTL 5s is shorter than the 30s timeout"
	if err := m.LockContext(ctx); err != nil {
		return err
	}
	defer m.UnlockContext(context.Background())
	return run(work)
}

// bsm/redislock: Obtain with 3s, work up to 20s.
func Charge(ctx context.Context, locker *redislock.Client, run func(context.Context) error) error {
	lock, err := locker.Obtain(ctx, "charge", 3*time.Second, nil) // want "lock TTL 3s is shorter than the 20s timeout"
	if err != nil {
		return err
	}
	defer lock.Release(context.Background())
	work, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	return run(work)
}

// SET NX PX in milliseconds.
func Compact(ctx context.Context, rdb *redis.Client, run func(context.Context) error) error {
	if err := rdb.Do(ctx, "SET", "lock:compact", "1", "NX", "PX", 2000).Err(); err != nil { // want "lock TTL 2s is shorter than the 15s timeout"
		return err
	}
	work, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	return run(work)
}
