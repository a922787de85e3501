// Reproduces: service pattern: a nightly report job elected with pg_try_advisory_lock through a *pgxpool.Pool — the lock stays on whichever pooled connection ran it, and the deferred unlock runs on another one
// Kind: advisory-pooled
// Expected: advisory-lock-pooled-conn
package main

import (
	"context"
	"log"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://reports@localhost/reports")
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	job := &ReportJob{pool: pool}
	for range time.Tick(time.Hour) {
		if err := job.RunOnce(ctx); err != nil {
			log.Printf("report job: %v", err)
		}
	}
}
