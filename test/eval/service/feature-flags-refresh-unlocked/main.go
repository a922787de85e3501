// Reproduces: service pattern: feature flags refreshed by a polling goroutine that writes into the flag map without the lock; request handlers read the map under RLock
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

type Flags struct {
	mu    sync.RWMutex
	flags map[string]bool
	src   string
}

func (f *Flags) Enabled(name string) bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.flags[name] // bug-partner
}

func (f *Flags) fetch() (map[string]bool, error) {
	resp, err := http.Get(f.src)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var m map[string]bool
	err = json.NewDecoder(resp.Body).Decode(&m)
	return m, err
}

func (f *Flags) poll(every time.Duration) {
	for range time.Tick(every) {
		fresh, err := f.fetch()
		if err != nil {
			log.Printf("flags: %v", err)
			continue
		}
		for name, on := range fresh {
			f.flags[name] = on // bug: map-unlocked
		}
	}
}

type CheckoutHandler struct {
	flags *Flags
}

func (h CheckoutHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.flags.Enabled("new-checkout") {
		_, _ = w.Write([]byte("checkout v2\n"))
		return
	}
	_, _ = w.Write([]byte("checkout v1\n"))
}

func main() {
	f := &Flags{flags: map[string]bool{}, src: "http://flags.internal/v1/flags"}
	go f.poll(30 * time.Second)
	mux := http.NewServeMux()
	mux.Handle("/checkout", CheckoutHandler{flags: f})
	log.Fatal(http.ListenAndServe(":8086", mux))
}
