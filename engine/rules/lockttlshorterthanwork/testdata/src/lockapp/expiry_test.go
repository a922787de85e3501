package lockttl

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// OK (negative): a test takes a 1s lock under a 10s test timeout to watch it expire.
func TestLockExpires(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:0"})
	defer rdb.Close()
	if ok, err := rdb.SetNX(ctx, "lock:test", "1", time.Second).Result(); err != nil || !ok {
		t.Skip("no redis")
	}
	time.Sleep(1100 * time.Millisecond)
	if n, _ := rdb.Exists(ctx, "lock:test").Result(); n != 0 {
		t.Fatal("lock did not expire")
	}
}
