// Reproduces: service pattern: request and job counters kept in atomic.Int64 fields, incremented by the middleware and by background workers, read by the stats handler
// Kind: correct
// Expected: (silent)
package main

import (
	"fmt"
	"log"
	"net/http"
	"sync/atomic"
	"time"
)

type Stats struct {
	requests  atomic.Int64
	jobsDone  atomic.Int64
	jobsError atomic.Int64
}

type Server struct {
	stats *Stats
	jobs  chan string
}

func (s *Server) count(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.stats.requests.Add(1)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) worker() {
	for name := range s.jobs {
		time.Sleep(10 * time.Millisecond)
		if name == "" {
			s.stats.jobsError.Add(1)
			continue
		}
		s.stats.jobsDone.Add(1)
	}
}

func (s *Server) handleEnqueue(w http.ResponseWriter, r *http.Request) {
	select {
	case s.jobs <- r.FormValue("name"):
		w.WriteHeader(http.StatusAccepted)
	default:
		http.Error(w, "queue full", http.StatusServiceUnavailable)
	}
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "requests %d\njobs_done %d\njobs_error %d\n",
		s.stats.requests.Load(), s.stats.jobsDone.Load(), s.stats.jobsError.Load())
}

func main() {
	s := &Server{stats: &Stats{}, jobs: make(chan string, 128)}
	for i := 0; i < 4; i++ {
		go s.worker()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/enqueue", s.handleEnqueue)
	mux.HandleFunc("/stats", s.handleStats)
	log.Fatal(http.ListenAndServe(":8082", s.count(mux)))
}
