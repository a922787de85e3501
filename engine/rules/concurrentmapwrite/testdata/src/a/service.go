package a

import (
	"net/http"
	"sync"
)

// A session store read under its RWMutex, written by every request without it.
type Sessions struct {
	mu   sync.RWMutex
	byID map[string]string
}

func (s *Sessions) Get(id string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byID[id]
}

func (s *Sessions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.byID[r.URL.Query().Get("id")] = "seen" // want "map `s.byID` is written without a lock by `ServeHTTP`, which runs in the HTTP handler `ServeHTTP`"
}

var hits = map[string]int{}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/hit", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++ // want "map `hits` is written by an HTTP handler registered with \\(\\*http.ServeMux\\).HandleFunc"
	})
}

// Two goroutines writing one map at the same time.
func TwoWriters() map[int]int {
	m := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		m[1] = 1 // want "map `m` is written without a lock in the goroutine started at line 37 and accessed in the goroutine started at line 41"
	}()
	go func() {
		defer wg.Done()
		m[2] = 2 // want "map `m` is written without a lock in the goroutine started at line 41 and accessed in the goroutine started at line 37"
	}()
	wg.Wait()
	return m
}

// A goroutine per request, started by a handler: one map for all of them.
type Audit struct{ seen map[string]bool }

func (a *Audit) Handle(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	go func() {
		a.seen[path] = true // want "map `a.seen` is written by goroutines started by `Handle`"
	}()
}

func (a *Audit) Routes(mux *http.ServeMux) { mux.HandleFunc("/audit", a.Handle) }

// OK: the handler holds the lock.
type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *Counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[r.URL.Path]++
}

// OK: a helper whose every caller holds the lock.
func (c *Counter) bump(k string) { c.n[k]++ }

func (c *Counter) Bump(k string) {
	c.mu.Lock()
	c.bump(k)
	c.mu.Unlock()
}

func (c *Counter) Fan(keys []string) {
	for _, k := range keys {
		go c.Bump(k)
	}
}

// OK: a map of one request.
func Local(w http.ResponseWriter, r *http.Request) {
	m := map[string]int{}
	m[r.URL.Path] = 1
	_ = m
}

func Routes() { http.HandleFunc("/local", Local) }

// OK: one goroutine after the other.
func Sequential() map[int]int {
	m := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m[1] = 1
	}()
	wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		m[2] = 2
	}()
	wg.Wait()
	return m
}

// OK: the map is handed over through a channel and filled by its new owner.
func HandOff(in chan map[string]int) {
	go func() {
		m := <-in
		m["x"] = 1
	}()
}

// The write alone on its line, calling nothing, in the goroutine itself: the
// fix locks the struct's mutex around it. Not in the handler above, whose
// index expression calls methods.
type Tally struct {
	mu    sync.Mutex
	byKey map[string]int
}

func (t *Tally) Add(keys []string) {
	for _, k := range keys {
		go func() {
			t.byKey[k]++ // want "map `t.byKey` is written by goroutines started in a loop"
		}()
	}
}
