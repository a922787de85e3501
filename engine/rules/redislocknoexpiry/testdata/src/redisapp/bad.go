package redisapp

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

var ErrBusy = errors.New("busy")

// A SETNX lock with expiration 0: a holder that crashes before Unlock leaves
// "lock:report" forever.
func GenerateReport(ctx context.Context, rdb *redis.Client) error {
	ok, err := rdb.SetNX(ctx, "lock:report", 1, 0).Result() // want "`rdb.SetNX\\(…\\)` takes lock `\"lock:report\"` with no expiry"
	if err != nil {
		return err
	}
	if !ok {
		return ErrBusy
	}
	defer rdb.Del(ctx, "lock:report")
	return nil
}

type Scheduler struct {
	rdb redis.UniversalClient
	key string
}

// SetArgs with Mode "NX" and no TTL; the lock is released by Unlock below.
func (s *Scheduler) TryLock(ctx context.Context, token string) (bool, error) {
	err := s.rdb.SetArgs(ctx, s.key, token, redis.SetArgs{Mode: "NX"}).Err() // want "with no expiry"
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	return err == nil, err
}

func (s *Scheduler) Unlock(ctx context.Context) error {
	return s.rdb.Del(ctx, s.key).Err()
}

// SET … NX through Do, without PX/EX.
func LeaderElect(ctx context.Context, rdb *redis.ClusterClient, id string) bool {
	res, err := rdb.Do(ctx, "SET", "leader", id, "NX").Result() // want "with no expiry"
	return err == nil && res == "OK"
}

// The expiry comes from a second command: a crash between the two leaves the lock forever.
func AcquireJobLock(ctx context.Context, rdb *redis.Client, job string) (bool, error) {
	ok, err := rdb.SetNX(ctx, "job-lock:"+job, "1", 0).Result() // want "sets it with a separate `Expire\\(…\\)`"
	if err != nil || !ok {
		return false, err
	}
	if err := rdb.Expire(ctx, "job-lock:"+job, 30*time.Second).Err(); err != nil {
		return false, err
	}
	return true, nil
}
