package redisapp

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// The expiry is judged by its constant value, not its spelling.
const noTTL = 0

func LockNamedZero(ctx context.Context, rdb *redis.Client) {
	rdb.SetNX(ctx, "lock:named-zero", 1, noTTL) // want "takes lock `\"lock:named-zero\"` with no expiry"
}

func LockConvertedZero(ctx context.Context, rdb *redis.Client) {
	rdb.SetNX(ctx, "lock:converted", 1, time.Duration(0)) // want "with no expiry"
}

// A constant command word is a command word.
const setCmd = "SET"

func LockConstCommand(ctx context.Context, rdb *redis.Client, id string) {
	rdb.Do(ctx, setCmd, "lock:cmd", id, "nx") // want "with no expiry"
}

// Through the redis.Cmdable interface: the method is go-redis's.
func LockThroughCmdable(ctx context.Context, c redis.Cmdable) {
	c.SetNX(ctx, "lock:cmdable", 1, 0) // want "with no expiry"
}

// Through a user type embedding the client: SetNX is promoted from go-redis.
type Store struct{ *redis.Client }

func (s Store) Acquire(ctx context.Context, job string) bool {
	return s.SetNX(ctx, "lock:job:"+job, 1, 0).Val() // want "takes lock `\"lock:job:\" \\+ job` with no expiry"
}

// Released by a DEL in the same function: a lock whatever its name says.
func Exclusive(ctx context.Context, rdb redis.UniversalClient, id string) {
	if rdb.SetNX(ctx, "job:"+id, 1, 0).Val() { // want "with no expiry"
		defer rdb.Del(ctx, "job:"+id)
	}
}

// A SETNX command word is SET-if-absent without expiry by definition.
func LockSetNXCommand(ctx context.Context, rdb *redis.Client) {
	rdb.Do(ctx, "SETNX", "lock:setnx", 1) // want "with no expiry"
}

// OK: a variable TTL may be anything; only a constant 0 is judged.
func LockVariableTTL(ctx context.Context, rdb *redis.Client, ttl time.Duration) {
	rdb.SetNX(ctx, "lock:var", 1, ttl)
}

// OK: SetArgs with an absolute expiry.
func LockExpireAt(ctx context.Context, rdb *redis.Client, until time.Time) {
	rdb.SetArgs(ctx, "lock:at", 1, redis.SetArgs{Mode: "NX", ExpireAt: until})
}

// OK: SetArgs with KeepTTL is not judged.
func LockKeepTTL(ctx context.Context, rdb *redis.Client) {
	rdb.SetArgs(ctx, "lock:keep", 1, redis.SetArgs{Mode: "NX", KeepTTL: true})
}

// OK: SetArgs without NX is a plain SET.
func PlainSetArgs(ctx context.Context, rdb *redis.Client) {
	rdb.SetArgs(ctx, "lock:plain", 1, redis.SetArgs{Mode: "XX"})
}

// OK: words passed with ... are not visible: the expiry may be among them.
func LockSpread(ctx context.Context, rdb *redis.Client, extra []any) {
	rdb.Do(ctx, append([]any{"SET", "lock:spread", 1, "NX"}, extra...)...)
}

// OK: a word we cannot read after NX may be the expiry.
func LockUnknownWord(ctx context.Context, rdb *redis.Client, mode string) {
	rdb.Do(ctx, "SET", "lock:word", 1, "NX", mode, 100)
}

// OK: a dedup marker with no lock name and no release.
func Dedup(ctx context.Context, rdb *redis.Client, id string) bool {
	return rdb.SetNX(ctx, "dedup:"+id, 1, 0).Val()
}

// Negative: a method named SetNX on the user's own interface is not Redis.
type kv interface {
	SetNX(ctx context.Context, key string, v any, ttl time.Duration) bool
	Del(ctx context.Context, key string)
}

func LockOwnInterface(ctx context.Context, s kv) {
	if s.SetNX(ctx, "lock:own", 1, 0) {
		defer s.Del(ctx, "lock:own")
	}
}

// Released in a deferred closure inside the acquiring function.
func ExclusiveDeferredClosure(ctx context.Context, rdb *redis.Client, id string) {
	if !rdb.SetNX(ctx, "job:"+id, 1, 0).Val() { // want "with no expiry"
		return
	}
	defer func() { rdb.Del(ctx, "job:"+id) }()
}

// OK: two test cases at package level (ginkgo's It blocks) are two functions:
// the first one's SetNX is not released by the second one's Del.
var _ = cases(
	func(ctx context.Context, rdb *redis.Client) { rdb.SetNX(ctx, "key", "hello", 0) },
	func(ctx context.Context, rdb *redis.Client) { rdb.Del(ctx, "key") },
)

func cases(...func(context.Context, *redis.Client)) bool { return true }
