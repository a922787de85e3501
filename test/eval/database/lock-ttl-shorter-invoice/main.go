// Reproduces: service pattern: invoice PDF rendering under a bsm/redislock lock obtained for 10s while the rendering is allowed 2 minutes, nothing refreshing the lock — a slow render lets a second worker render and email the same invoice
// Kind: ttl-short
// Expected: lock-ttl-shorter-than-work
package main

import (
	"context"
	"log"

	"github.com/bsm/redislock"
	"github.com/redis/go-redis/v9"
)

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	w := &InvoiceWorker{locker: redislock.New(rdb), render: renderPDF, send: emailPDF}
	if err := w.Process(context.Background(), "inv-2026-0042"); err != nil {
		log.Fatal(err)
	}
}

func renderPDF(ctx context.Context, id string) ([]byte, error) { return []byte("%PDF-1.7"), ctx.Err() }

func emailPDF(ctx context.Context, id string, pdf []byte) error { return ctx.Err() }
