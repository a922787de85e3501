// Reproduces: service pattern: the per-IP rate limiter with an embedded mutex, its window reset by a ticker goroutine that holds the mutex while replacing the map
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

type Limiter struct {
	sync.Mutex
	counts map[string]int
	limit  int
}

func (l *Limiter) resetEvery(ctx context.Context, window time.Duration) {
	t := time.NewTicker(window)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.Lock()
			l.counts = make(map[string]int)
			l.Unlock()
		}
	}
}

func (l *Limiter) Allow(ip string) bool {
	l.Lock()
	defer l.Unlock()
	l.counts[ip]++
	return l.counts[ip] <= l.limit
}

func (l *Limiter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		if !l.Allow(ip) {
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func handleOrders(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte("[]\n"))
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lim := &Limiter{counts: make(map[string]int), limit: 100}
	go lim.resetEvery(ctx, time.Minute)
	mux := http.NewServeMux()
	mux.HandleFunc("/orders", handleOrders)
	log.Fatal(http.ListenAndServe(":8090", lim.Middleware(mux)))
}
