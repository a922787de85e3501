package redisapp

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// OK: the TTL is part of the SET.
func Refresh(ctx context.Context, rdb *redis.Client, token string) (bool, error) {
	return rdb.SetNX(ctx, "lock:refresh", token, 30*time.Second).Result()
}

// OK: SetArgs with NX and a TTL.
func (s *Scheduler) TryLockTTL(ctx context.Context, token string) error {
	return s.rdb.SetArgs(ctx, s.key, token, redis.SetArgs{Mode: "NX", TTL: 10 * time.Second}).Err()
}

// OK: SET NX PX through Do.
func LeaderElectTTL(ctx context.Context, rdb *redis.Client, id string) bool {
	res, err := rdb.Do(ctx, "SET", "leader", id, "NX", "PX", 15000).Result()
	return err == nil && res == "OK"
}

// OK: set-once markers are not locks: nothing releases them and nothing calls them a lock.
func MarkSeen(ctx context.Context, rdb *redis.Client, msgID string) (bool, error) {
	return rdb.SetNX(ctx, "seen:"+msgID, 1, 0).Result()
}

// Negative: a user's own SetNX on an in-memory store is not Redis.
type memStore struct{ m map[string]string }

func (s *memStore) SetNX(_ context.Context, k, v string, _ time.Duration) bool {
	if _, ok := s.m[k]; ok {
		return false
	}
	s.m[k] = v
	return true
}

func (s *memStore) Del(_ context.Context, k string) { delete(s.m, k) }

func LockInMemory(ctx context.Context, s *memStore) bool {
	if !s.SetNX(ctx, "lock:mem", "1", 0) {
		return false
	}
	defer s.Del(ctx, "lock:mem")
	return true
}
