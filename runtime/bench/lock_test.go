package bench

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/bsm/redislock"
	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/redis/go-redis/v9"

	"github.com/goconc/goconc/runtime/dlock/redisdlock"
)

// BenchmarkLock measures one uncontended acquire + release against the same
// Redis (single node).
func BenchmarkLock(b *testing.B) {
	addr := os.Getenv("GOCONC_BENCH_REDIS_ADDR")
	if addr == "" {
		b.Skip("GOCONC_BENCH_REDIS_ADDR not set (run.sh starts a Redis)")
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	ctx := context.Background()
	ttl := 10 * time.Second

	b.Run("impl=ours", func(b *testing.B) {
		l := redisdlock.New(rdb, "bench-ours", redisdlock.WithTTL(ttl))
		b.ReportAllocs()
		for b.Loop() {
			lease, err := l.TryLock(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if err := lease.Unlock(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=redsync", func(b *testing.B) {
		rs := redsync.New(goredis.NewPool(rdb))
		b.ReportAllocs()
		for b.Loop() {
			m := rs.NewMutex("bench-redsync", redsync.WithExpiry(ttl), redsync.WithTries(1))
			if err := m.LockContext(ctx); err != nil {
				b.Fatal(err)
			}
			if ok, err := m.UnlockContext(ctx); !ok || err != nil {
				b.Fatal(ok, err)
			}
		}
	})
	b.Run("impl=redislock", func(b *testing.B) {
		c := redislock.New(rdb)
		b.ReportAllocs()
		for b.Loop() {
			l, err := c.Obtain(ctx, "bench-redislock", ttl, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := l.Release(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
