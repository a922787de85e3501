// Reproduces: service pattern: the feed-import lock released safely with WATCH/MULTI — the DEL is queued in a transaction that aborts if the key changed after the token was compared
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
)

type ImportHandler struct {
	rdb      *redis.Client
	importer func(ctx context.Context, userID string) error
}

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	h := &ImportHandler{rdb: rdb, importer: func(ctx context.Context, userID string) error { return nil }}
	http.Handle("POST /users/{id}/import", h)
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func (h *ImportHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	userID := r.PathValue("id")
	key := "lock:import:" + userID
	token := uuid.NewString()
	err := h.rdb.SetArgs(r.Context(), key, token, redis.SetArgs{Mode: "NX", TTL: time.Minute}).Err()
	if err == redis.Nil {
		http.Error(w, "an import is already running", http.StatusConflict)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer release(h.rdb, key, token)

	if err := h.importer(r.Context(), userID); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// release deletes key only if it still holds token, atomically.
func release(rdb *redis.Client, key, token string) {
	ctx := context.Background()
	err := rdb.Watch(ctx, func(tx *redis.Tx) error {
		cur, err := tx.Get(ctx, key).Result()
		if err != nil || cur != token {
			return err
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, key)
			return nil
		})
		return err
	}, key)
	if err != nil && !errors.Is(err, redis.Nil) && !errors.Is(err, redis.TxFailedErr) {
		log.Printf("release %s: %v", key, err)
	}
}
