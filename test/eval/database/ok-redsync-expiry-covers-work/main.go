// Reproduces: service pattern: a search-index rebuild under a redsync mutex whose expiry (2m) covers the work's timeout (45s), released with UnlockContext (redsync's compare-and-delete)
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"log"
	"time"

	"github.com/go-redsync/redsync/v4"
	"github.com/go-redsync/redsync/v4/redis/goredis/v9"
	"github.com/redis/go-redis/v9"
)

type Indexer struct {
	rs      *redsync.Redsync
	rebuild func(context.Context) error
}

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	ix := &Indexer{rs: redsync.New(goredis.NewPool(rdb)), rebuild: func(ctx context.Context) error { return nil }}
	for range time.Tick(10 * time.Minute) {
		if err := ix.Run(context.Background()); err != nil {
			log.Printf("index: %v", err)
		}
	}
}

func (ix *Indexer) Run(ctx context.Context) error {
	m := ix.rs.NewMutex("lock:search-index", redsync.WithExpiry(2*time.Minute), redsync.WithTries(1))
	if err := m.TryLockContext(ctx); err != nil {
		return nil // another replica is rebuilding
	}
	defer m.UnlockContext(context.Background())

	work, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	return ix.rebuild(work)
}
