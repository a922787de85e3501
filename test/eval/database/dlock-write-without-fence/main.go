// Reproduces: service pattern: a ledger roll-up job holds a goconc redisdlock lease and writes the total to PostgreSQL without the lease's fencing token — a holder paused past its lease (GC, a slow query) overwrites the next holder's newer total
// Kind: no-fencing-token
// Expected: lock-without-fencing-token
package main

import (
	"context"
	"database/sql"
	"log"
	"time"

	"github.com/goconc/goconc/runtime/dlock/redisdlock"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/redis/go-redis/v9"
)

func main() {
	db, err := sql.Open("pgx", "postgres://ledger@localhost/ledger")
	if err != nil {
		log.Fatal(err)
	}
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	job := &RollupJob{db: db, locker: redisdlock.New(rdb, "ledger-rollup", redisdlock.WithTTL(15*time.Second))}
	for range time.Tick(time.Minute) {
		if err := job.Run(context.Background(), 1); err != nil {
			log.Printf("rollup: %v", err)
		}
	}
}
