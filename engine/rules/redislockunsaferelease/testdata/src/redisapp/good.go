package redisapp

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// OK: compare-and-delete / compare-and-extend scripts on the holder's token.
var (
	release = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)
	extend  = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`)
)

type SafeMutex struct {
	rdb   redis.Scripter
	cmd   *redis.Client
	key   string
	token string
}

func (m *SafeMutex) Lock(ctx context.Context) (bool, error) {
	return m.cmd.SetNX(ctx, m.key, m.token, 10*time.Second).Result()
}

func (m *SafeMutex) Unlock(ctx context.Context) error {
	return release.Run(ctx, m.rdb, []string{m.key}, m.token).Err()
}

func (m *SafeMutex) Extend(ctx context.Context) error {
	return extend.Run(ctx, m.rdb, []string{m.key}, m.token, 10000).Err()
}

// OK: WATCH/MULTI compare-and-delete is atomic too.
func UnlockWatched(ctx context.Context, rdb *redis.Client, key, token string) error {
	ok, err := rdb.SetNX(ctx, key, token, 5*time.Second).Result()
	if err != nil || !ok {
		return err
	}
	return rdb.Watch(ctx, func(tx *redis.Tx) error {
		v, err := tx.Get(ctx, key).Result()
		if err != nil || v != token {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, key)
			return nil
		})
		return err
	}, key)
}

// OK: deleting another key than the lock's.
func Invalidate(ctx context.Context, rdb *redis.Client, id string) error {
	ok, err := rdb.SetNX(ctx, "lock:cache:"+id, 1, time.Second).Result()
	if err != nil || !ok {
		return err
	}
	return rdb.Del(ctx, "cache:"+id).Err()
}

// Negative: a local variable named like another function's key is another key.
func Cleanup(ctx context.Context, rdb *redis.Client, key string) error {
	return rdb.Del(ctx, key).Err()
}
