package redisapp

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Receivers named differently in Lock and Unlock: the key is the same field.
type Lease struct {
	rdb  redis.UniversalClient
	name string
}

func (l *Lease) Acquire(ctx context.Context) bool {
	return l.rdb.SetArgs(ctx, l.name, 1, redis.SetArgs{Mode: "NX", TTL: time.Minute}).Err() == nil
}

func (x *Lease) Release(ctx context.Context) {
	x.rdb.Unlink(ctx, x.name) // want "`x.rdb.Unlink\\(…\\)` deletes lock `l.name`"
}

// OK: another method of the type deleting a key it was given is another key.
func (x *Lease) Forget(ctx context.Context, name string) {
	x.rdb.Del(ctx, name)
}

// OK: another type with a field of the same name holds another key.
type Cache struct {
	rdb  *redis.Client
	name string
}

func (c *Cache) Drop(ctx context.Context) {
	c.rdb.Del(ctx, c.name)
}

// A key built the same way from the same variables is the same key.
func Settle(ctx context.Context, rdb *redis.Client, id int) {
	if !rdb.SetNX(ctx, fmt.Sprintf("lock:settle:%d", id), 1, 5*time.Second).Val() {
		return
	}
	defer rdb.Do(ctx, "DEL", fmt.Sprintf("lock:settle:%d", id))     // want "`rdb.Do\\(…\\)` deletes lock `fmt.Sprintf\\(\"lock:settle:%d\", id\\)`"
	rdb.Do(ctx, "PEXPIRE", fmt.Sprintf("lock:settle:%d", id), 5000) // want "extends lock"
}

// OK: another variable, even with the same spelling in another function.
func Other(ctx context.Context, rdb *redis.Client, id int) {
	rdb.Del(ctx, fmt.Sprintf("lock:settle:%d", id))
}

// OK: a user's own store with a Del method is not Redis.
type memLocks map[string]bool

func (m memLocks) Del(_ context.Context, k string) { delete(m, k) }

func LockMem(ctx context.Context, rdb *redis.Client, m memLocks) {
	if rdb.SetNX(ctx, "lock:mem", 1, time.Second).Val() {
		defer m.Del(ctx, "lock:mem")
	}
}

// OK: a lock without a TTL is redis-lock-no-expiry's, not this rule's.
func NoTTL(ctx context.Context, rdb *redis.Client) {
	if rdb.SetNX(ctx, "lock:nottl", 1, 0).Val() {
		defer rdb.Del(ctx, "lock:nottl")
	}
}
