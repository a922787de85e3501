// Reproduces: service pattern: a small in-house Redis mutex package (Acquire with SET NX PX, Release with a plain DEL in another method) used by a billing job — when a run outlives the TTL, Release deletes the next holder's lock and a third run starts
// Kind: unsafe-release
// Expected: redis-lock-unsafe-release
package main

import (
	"context"
	"log"
	"time"

	"github.com/redis/go-redis/v9"

	"goconc.dev/eval/database/redis-unsafe-release-method/rlock"
)

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	ctx := context.Background()
	for range time.Tick(time.Minute) {
		if err := chargeDueSubscriptions(ctx, rdb); err != nil {
			log.Printf("billing: %v", err)
		}
	}
}

func chargeDueSubscriptions(ctx context.Context, rdb *redis.Client) error {
	m := rlock.New(rdb, "lock:billing", 30*time.Second)
	ok, err := m.Acquire(ctx)
	if err != nil || !ok {
		return err
	}
	defer m.Release(context.Background())
	ids, err := rdb.ZRangeByScore(ctx, "subscriptions:due", &redis.ZRangeBy{Min: "-inf", Max: "+inf"}).Result()
	if err != nil {
		return err
	}
	for _, id := range ids {
		log.Printf("charging %s", id)
		rdb.ZRem(ctx, "subscriptions:due", id)
	}
	return nil
}
