// Reproduces: service pattern: the export lock done right — SET NX with a TTL and a random token, released by a compare-and-delete Lua script, the work bounded by a timeout shorter than the TTL
// Kind: correct
// Expected: (silent)
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

var releaseScript = redis.NewScript(`
if redis.call("GET", KEYS[1]) == ARGV[1] then
	return redis.call("DEL", KEYS[1])
end
return 0`)

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
	ok, err := e.rdb.SetNX(ctx, key, token, time.Minute).Result()
	if err != nil {
		return err
	}
	if !ok {
		return ErrBusy
	}
	defer releaseScript.Run(context.Background(), e.rdb, []string{key}, token)

	work, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	rows, err := e.rdb.LRange(work, "events:"+tenant, 0, -1).Result()
	if err != nil {
		return err
	}
	log.Printf("exported %d rows for %s", len(rows), tenant)
	return nil
}
