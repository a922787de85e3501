// Reproduces: service pattern: a SERIALIZABLE transfer retried on serialization failure (SQLSTATE 40001) whose balance was read once, before the retry loop — the retry that finally commits writes a balance computed from the value the failed attempt saw
// Kind: tx-retry-stale-read
// Expected: tx-retry-stale-read
package main

import (
	"context"
	"log"

	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://bank@localhost/bank")
	if err != nil {
		log.Fatal(err)
	}
	svc := &Payouts{pool: pool}
	if err := svc.Withdraw(ctx, 42, 1_000); err != nil {
		log.Fatal(err)
	}
}
