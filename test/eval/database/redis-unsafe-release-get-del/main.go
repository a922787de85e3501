// Reproduces: service pattern: an export worker checks it still owns its lock with GET and then DELs it in a deferred func — the key can expire and be taken by another worker between the GET and the DEL (check-then-act across two commands)
// Kind: unsafe-release
// Expected: redis-lock-unsafe-release
package main

import (
	"context"
	"errors"
	"log"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
)

var ErrBusy = errors.New("export already running")

type Exporter struct {
	rdb *redis.Client
}

func main() {
	e := &Exporter{rdb: redis.NewClient(&redis.Options{Addr: "localhost:6379"})}
	if err := e.Export(context.Background(), "tenant-42"); err != nil {
		log.Fatal(err)
	}
}

func (e *Exporter) Export(ctx context.Context, tenant string) error {
	key := "lock:export:" + tenant
	token := uuid.NewString()
	ok, err := e.rdb.SetNX(ctx, key, token, 20*time.Second).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrBusy
	}
	defer func() {
		if cur, err := e.rdb.Get(context.Background(), key).Result(); err == nil && cur == token {
			e.rdb.Del(context.Background(), key) // bug: unsafe-release
		}
	}()
	return writeExport(ctx, e.rdb, tenant)
}

func writeExport(ctx context.Context, rdb *redis.Client, tenant string) error {
	rows, err := rdb.LRange(ctx, "events:"+tenant, 0, -1).Result()
	if err != nil {
		return err
	}
	log.Printf("exported %d rows for %s", len(rows), tenant)
	return nil
}
