package main

import (
	"context"

	"github.com/redis/go-redis/v9"
)

const rebuildLockKey = "lock:catalog:rebuild"

type CatalogCache struct {
	rdb   *redis.Client
	owner string
	load  func(context.Context) (map[string]string, error)
}

// Rebuild refreshes the cached catalog; one replica at a time.
func (c *CatalogCache) Rebuild(ctx context.Context) error {
	ok, err := c.rdb.SetNX(ctx, rebuildLockKey, c.owner, 0).Result() // bug: no-expiry
	if err != nil || !ok {
		return err
	}
	defer c.rdb.Del(context.Background(), rebuildLockKey) // bug-partner

	items, err := c.load(ctx)
	if err != nil {
		return err
	}
	_, err = c.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, "catalog")
		for sku, doc := range items {
			p.HSet(ctx, "catalog", sku, doc)
		}
		return nil
	})
	return err
}
