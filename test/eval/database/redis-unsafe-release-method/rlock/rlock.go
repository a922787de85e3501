// Package rlock is a minimal Redis mutex.
package rlock

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/redis/go-redis/v9"
)

type Mutex struct {
	rdb   *redis.Client
	key   string
	ttl   time.Duration
	token string
}

func New(rdb *redis.Client, key string, ttl time.Duration) *Mutex {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return &Mutex{rdb: rdb, key: key, ttl: ttl, token: hex.EncodeToString(b)}
}

// Acquire takes the lock if nobody holds it.
func (m *Mutex) Acquire(ctx context.Context) (bool, error) {
	return m.rdb.SetNX(ctx, m.key, m.token, m.ttl).Result() // bug-partner
}

// Release deletes the key — whoever holds it by now.
func (m *Mutex) Release(ctx context.Context) error {
	return m.rdb.Del(ctx, m.key).Err() // bug: unsafe-release
}
