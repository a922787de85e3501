// Reproduces: service pattern: a webhook consumer deduplicates deliveries with SETNX processed:<event id> (a set-once marker with a retention TTL, never released) — not a lock, nothing to expire early or release unsafely
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"
)

const retention = 7 * 24 * time.Hour

type Event struct {
	ID   string          `json:"id"`
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

type Consumer struct {
	rdb    *redis.Client
	handle func(context.Context, Event) error
}

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	c := &Consumer{rdb: rdb, handle: func(ctx context.Context, e Event) error {
		log.Printf("event %s %s", e.ID, e.Type)
		return nil
	}}
	http.HandleFunc("POST /webhooks/payments", c.ServeWebhook)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func (c *Consumer) ServeWebhook(w http.ResponseWriter, r *http.Request) {
	var e Event
	if err := json.NewDecoder(r.Body).Decode(&e); err != nil {
		http.Error(w, "bad event", http.StatusBadRequest)
		return
	}
	first, err := c.rdb.SetNX(r.Context(), "processed:"+e.ID, time.Now().Unix(), retention).Result()
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if !first {
		w.WriteHeader(http.StatusOK) // a redelivery
		return
	}
	if err := c.handle(r.Context(), e); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}
