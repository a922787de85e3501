// Reproduces: service pattern: a catalog cache rebuild guarded by SETNX with expiration 0 — a replica that crashes (or is killed by a deploy) mid-rebuild leaves the lock key forever and no replica rebuilds again
// Kind: no-expiry
// Expected: redis-lock-no-expiry
package main

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/redis/go-redis/v9"
)

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	host, _ := os.Hostname()
	c := &CatalogCache{rdb: rdb, owner: host, load: loadCatalog}
	ctx := context.Background()
	for range time.Tick(5 * time.Minute) {
		if err := c.Rebuild(ctx); err != nil {
			log.Printf("rebuild: %v", err)
		}
	}
}

func loadCatalog(ctx context.Context) (map[string]string, error) {
	return map[string]string{"sku-1": `{"name":"mug"}`}, nil
}
