// Reproduces: service pattern: a discovery endpoint (a ServeHTTP type on a NewServeMux) whose POST registers a backend in the map without the lock the background health sweep ranges under
// Kind: map-unlocked
// Expected: concurrent-map-write
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"sync"
	"time"
)

type Backend struct {
	Addr    string `json:"addr"`
	Healthy bool   `json:"healthy"`
}

type Discovery struct {
	mu       sync.Mutex
	backends map[string]*Backend
}

func (d *Discovery) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		var b Backend
		if err := json.NewDecoder(r.Body).Decode(&b); err != nil || b.Addr == "" {
			http.Error(w, "bad backend", http.StatusBadRequest)
			return
		}
		b.Healthy = true
		d.backends[b.Addr] = &b // bug: map-unlocked
		w.WriteHeader(http.StatusCreated)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func ping(addr string) bool {
	c := http.Client{Timeout: time.Second}
	resp, err := c.Get("http://" + addr + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func (d *Discovery) sweep() {
	for {
		time.Sleep(5 * time.Second)
		d.mu.Lock()
		for addr, b := range d.backends { // bug-partner
			b.Healthy = ping(addr)
		}
		d.mu.Unlock()
	}
}

func main() {
	d := &Discovery{backends: make(map[string]*Backend)}
	go d.sweep()
	mux := http.NewServeMux()
	mux.Handle("/backends", d)
	log.Fatal(http.ListenAndServe(":8091", mux))
}
