// Reproduces: service pattern: a server-sent-events endpoint counting open streams in a package-level int, incremented and decremented by every stream's handler goroutine and read by the stats handler
// Kind: counter
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"fmt"
	"log"
	"net/http"
	"time"
)

var activeStreams int

func handleEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")

	activeStreams++ // bug: counter
	defer func() {
		activeStreams--
	}()

	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case t := <-tick.C:
			fmt.Fprintf(w, "event: tick\ndata: %s\n\n", t.Format(time.RFC3339))
			flusher.Flush()
		}
	}
}

func handleStats(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "active_streams %d\n", activeStreams) // bug-partner
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/events", handleEvents)
	mux.HandleFunc("/stats", handleStats)
	srv := &http.Server{Addr: ":8097", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
