// Reproduces: service pattern: a request-count middleware incrementing a plain int field of the server from every request goroutine, the status page guarded by a mutex only for its other fields
// Kind: counter
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"fmt"
	"log"
	"net/http"
	"sync"
	"time"
)

type Server struct {
	mu        sync.Mutex
	startedAt time.Time
	lastPath  string

	requests int
}

func (s *Server) countRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests++ // bug: counter
		s.mu.Lock()
		s.lastPath = r.URL.Path
		s.mu.Unlock()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleStatus(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	last := s.lastPath
	up := time.Since(s.startedAt).Round(time.Second)
	s.mu.Unlock()
	fmt.Fprintf(w, "uptime %s\nrequests %d\nlast %s\n", up, s.requests, last) // bug-partner
}

func (s *Server) handleHello(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "hello")
}

func main() {
	s := &Server{startedAt: time.Now()}
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", s.handleHello)
	mux.HandleFunc("/status", s.handleStatus)
	srv := &http.Server{
		Addr:         ":8082",
		Handler:      s.countRequests(mux),
		ReadTimeout:  5 * time.Second,
		WriteTimeout: 10 * time.Second,
	}
	log.Fatal(srv.ListenAndServe())
}
