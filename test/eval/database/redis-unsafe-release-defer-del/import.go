package main

import (
	"context"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/redis/go-redis/v9"
)

type ImportHandler struct {
	rdb      *redis.Client
	importer func(ctx context.Context, userID string) error
}

func (h *ImportHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	userID := r.PathValue("id")
	key := "lock:import:" + userID
	err := h.rdb.SetArgs(r.Context(), key, uuid.NewString(), redis.SetArgs{Mode: "NX", TTL: 15 * time.Second}).Err() // bug-partner
	if err == redis.Nil {
		http.Error(w, "an import is already running", http.StatusConflict)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer h.rdb.Del(context.Background(), key) // bug: unsafe-release

	if err := h.importer(r.Context(), userID); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func fetchAndStore(ctx context.Context, userID string) error {
	return ctx.Err()
}
