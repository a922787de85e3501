// Reproduces: service pattern: a per-IP rate limiter whose window is reset by a ticker goroutine that replaces the counts map without the mutex the middleware holds
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
package main

import (
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

func NewLimiter(limit int, window time.Duration) *Limiter {
	l := &Limiter{counts: make(map[string]int), limit: limit}
	go func() {
		t := time.NewTicker(window)
		defer t.Stop()
		for range t.C {
			l.counts = make(map[string]int) // bug: field-unlocked
		}
	}()
	return l
}

func (l *Limiter) Allow(ip string) bool {
	l.Lock()
	defer l.Unlock()
	l.counts[ip]++ // bug-partner
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
	lim := NewLimiter(100, time.Minute)
	mux := http.NewServeMux()
	mux.HandleFunc("/orders", handleOrders)
	log.Fatal(http.ListenAndServe(":8090", lim.Middleware(mux)))
}
