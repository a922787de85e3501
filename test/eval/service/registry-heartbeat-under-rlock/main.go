// Reproduces: service pattern: a service registry whose heartbeat handler updates an instance's last-seen time while holding only the read lock — concurrent heartbeats write the same field, and the listing handler reads it
// Kind: write-under-rlock
// Expected: unsynchronized-shared-write
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"sync"
	"time"
)

type Instance struct {
	Addr     string    `json:"addr"`
	LastSeen time.Time `json:"last_seen"`
}

type Registry struct {
	mu        sync.RWMutex
	instances map[string]*Instance
}

func (reg *Registry) Register(name, addr string) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	reg.instances[name] = &Instance{Addr: addr, LastSeen: time.Now()}
}

// Heartbeat does not change the map, so a read lock looked enough.
func (reg *Registry) Heartbeat(name string) bool {
	reg.mu.RLock()
	defer reg.mu.RUnlock()
	inst, ok := reg.instances[name]
	if !ok {
		return false
	}
	inst.LastSeen = time.Now() // bug: write-under-rlock
	return true
}

func (reg *Registry) Alive(within time.Duration) []Instance {
	reg.mu.RLock()
	defer reg.mu.RUnlock()
	var out []Instance
	for _, inst := range reg.instances {
		if time.Since(inst.LastSeen) < within { // bug-partner
			out = append(out, *inst)
		}
	}
	return out
}

func main() {
	reg := &Registry{instances: make(map[string]*Instance)}
	http.HandleFunc("/register", func(w http.ResponseWriter, r *http.Request) {
		reg.Register(r.FormValue("name"), r.FormValue("addr"))
		w.WriteHeader(http.StatusCreated)
	})
	http.HandleFunc("/heartbeat", func(w http.ResponseWriter, r *http.Request) {
		if !reg.Heartbeat(r.FormValue("name")) {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	http.HandleFunc("/instances", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(reg.Alive(30 * time.Second))
	})
	log.Fatal(http.ListenAndServe(":8083", nil))
}
