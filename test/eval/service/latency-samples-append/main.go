// Reproduces: service pattern: a timing middleware appending each request's latency to a slice of a metrics struct without its mutex, which the /metrics handler holds while summarising
// Kind: slice-append
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"fmt"
	"log"
	"net/http"
	"sort"
	"sync"
	"time"
)

type Metrics struct {
	mu      sync.Mutex
	samples []time.Duration
}

func (m *Metrics) observe(d time.Duration) {
	m.samples = append(m.samples, d) // bug: slice-append
}

func (m *Metrics) Timed(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		next(w, r)
		m.observe(time.Since(start))
	}
}

func (m *Metrics) handleMetrics(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	s := make([]time.Duration, len(m.samples)) // bug-partner
	copy(s, m.samples)
	m.samples = m.samples[:0]
	m.mu.Unlock()
	if len(s) == 0 {
		fmt.Fprintln(w, "no samples")
		return
	}
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	fmt.Fprintf(w, "count %d\np50 %s\np99 %s\n", len(s), s[len(s)/2], s[len(s)*99/100])
}

func handleUsers(w http.ResponseWriter, r *http.Request) {
	time.Sleep(3 * time.Millisecond)
	_, _ = w.Write([]byte(`[{"id":1}]`))
}

func main() {
	m := &Metrics{}
	http.HandleFunc("/users", m.Timed(handleUsers))
	http.HandleFunc("/metrics", m.handleMetrics)
	log.Fatal(http.ListenAndServe(":8096", nil))
}
