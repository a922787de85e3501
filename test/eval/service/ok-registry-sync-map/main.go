// Reproduces: service pattern: the discovery endpoint keeping backends in a sync.Map, registered by a ServeHTTP type and swept by a health goroutine that stores fresh values instead of mutating shared ones
// Kind: correct
// Expected: (silent)
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
	backends sync.Map
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
		d.backends.Store(b.Addr, b)
		w.WriteHeader(http.StatusCreated)
	case http.MethodGet:
		var list []Backend
		d.backends.Range(func(_, v any) bool {
			list = append(list, v.(Backend))
			return true
		})
		_ = json.NewEncoder(w).Encode(list)
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
		d.backends.Range(func(k, v any) bool {
			b := v.(Backend)
			b.Healthy = ping(b.Addr)
			d.backends.Store(k, b)
			return true
		})
	}
}

func main() {
	d := &Discovery{}
	go d.sweep()
	mux := http.NewServeMux()
	mux.Handle("/backends", d)
	log.Fatal(http.ListenAndServe(":8091", mux))
}
