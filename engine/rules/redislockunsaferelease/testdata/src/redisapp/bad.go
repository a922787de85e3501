package redisapp

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

var ErrBusy = errors.New("busy")

// The classic: SETNX with a TTL, then DEL. If the work outlives the 10s TTL,
// another worker takes the lock, and this DEL removes the other worker's lock.
func ProcessOrder(ctx context.Context, rdb *redis.Client, id string) error {
	key := "lock:order:" + id
	ok, err := rdb.SetNX(ctx, key, 1, 10*time.Second).Result()
	if err != nil || !ok {
		return ErrBusy
	}
	defer rdb.Del(ctx, key) // want "`rdb.Del\\(…\\)` deletes lock `key` without checking it still holds it"
	return nil
}

// Lock and Unlock methods on one type: the key is the receiver's field.
type Mutex struct {
	rdb   *redis.Client
	key   string
	token string
	ttl   time.Duration
}

func (m *Mutex) Lock(ctx context.Context) error {
	ok, err := m.rdb.SetNX(ctx, m.key, m.token, m.ttl).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrBusy
	}
	return nil
}

// Checking the token first does not help: GET and DEL are two commands.
func (m *Mutex) Unlock(ctx context.Context) error {
	v, err := m.rdb.Get(ctx, m.key).Result()
	if err != nil {
		return err
	}
	if v != m.token {
		return ErrBusy
	}
	return m.rdb.Del(ctx, m.key).Err() // want "deletes lock `m.key`"
}

// A plain EXPIRE extends whoever holds the key now.
func (m *Mutex) Extend(ctx context.Context) error {
	return m.rdb.PExpire(ctx, m.key, m.ttl).Err() // want "extends lock `m.key` without checking it still holds it"
}
