// Reproduces: service pattern: a dependency health checker whose ticker goroutine stores the probe result in a field without the lock, while the readiness handler reads it under RLock
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

type HealthChecker struct {
	mu        sync.RWMutex
	status    string
	checkedAt time.Time
	target    string
}

func (h *HealthChecker) probe(ctx context.Context) error {
	var d net.Dialer
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := d.DialContext(ctx, "tcp", h.target)
	if err != nil {
		return err
	}
	return conn.Close()
}

func (h *HealthChecker) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		st := "ok"
		if err := h.probe(ctx); err != nil {
			st = "degraded: " + err.Error()
		}
		h.status = st // bug: field-unlocked
		h.mu.Lock()
		h.checkedAt = time.Now()
		h.mu.Unlock()
	}
}

func (h *HealthChecker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.RLock()
	st, at := h.status, h.checkedAt // bug-partner
	h.mu.RUnlock()
	if st != "ok" {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	fmt.Fprintf(w, "%s (checked %s ago)\n", st, time.Since(at).Round(time.Second))
}

func main() {
	h := &HealthChecker{status: "ok", target: "db.internal:5432"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go h.Run(ctx, 10*time.Second)

	mux := http.NewServeMux()
	mux.Handle("/readyz", h)
	log.Fatal(http.ListenAndServe(":8084", mux))
}
