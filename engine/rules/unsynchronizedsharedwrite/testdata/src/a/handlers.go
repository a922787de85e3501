package a

import (
	"net/http"
	"sync"
)

// Handlers reached through middleware, method values, handler values and
// http.Server's Handler field.

type sessions struct {
	mu   sync.Mutex
	byID map[string]string
	hits int
}

func (s *sessions) create(id, user string) {
	s.mu.Lock()
	s.byID[id] = user
	s.mu.Unlock()
}

func (s *sessions) user(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byID[id]
}

type api struct{ store *sessions }

func (a *api) login(w http.ResponseWriter, r *http.Request) {
	a.store.create(r.FormValue("id"), r.FormValue("user"))
}

// A middleware's closure, registered through the call that makes it.
func (a *api) counted(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a.store.hits++ // want "`a.store.hits` is written by an HTTP handler registered with http.HandleFunc .line 50., which serves requests concurrently, with no lock held"
		next(w, r)
	}
}

func (a *api) profile(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte(a.store.user(r.FormValue("id"))))
}

func routes() {
	a := &api{store: &sessions{byID: map[string]string{}}}
	http.HandleFunc("/login", a.login)
	http.HandleFunc("/profile", a.counted(a.profile))
}

// A handler value handed to the server, and a goroutine swapping what it
// reads under the lock the handler does not take.
type proxy struct {
	mu       sync.Mutex
	upstream string
}

func (p *proxy) reload(next <-chan string) {
	for u := range next {
		p.mu.Lock()
		p.upstream = u
		p.mu.Unlock()
	}
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte(p.upstream)) // want "`p.upstream` is read without a lock in an HTTP handler registered with http.ListenAndServe .line 75., which serves requests concurrently, while the goroutine started at line 74 writes it holding `p.mu`"
}

func serveProxy(next <-chan string) {
	p := &proxy{}
	go p.reload(next)
	_ = http.ListenAndServe(":8080", p)
}

// http.Server's Handler field.
type counter struct{ n int }

func (c *counter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.n++ // want "`c.n` is written by an HTTP handler registered with http.Server.Handler .line 90., which serves requests concurrently, with no lock held"
		h.ServeHTTP(w, r)
	})
}

func serveCounted() {
	c := &counter{}
	srv := &http.Server{Addr: ":8080", Handler: c.wrap(http.NotFoundHandler())}
	_ = srv.ListenAndServe()
}

// A write through a map element holding only the read lock that guards the
// map: every heartbeat holds it at once.
type instance struct{ seen int64 }

type registry struct {
	mu        sync.RWMutex
	instances map[string]*instance
}

func (reg *registry) heartbeat(name string, now int64) {
	reg.mu.RLock()
	defer reg.mu.RUnlock()
	if inst, ok := reg.instances[name]; ok {
		inst.seen = now // want "`reg.instances.+.seen` is written holding only the read lock `reg.mu` by `heartbeat`"
	}
}

// Silent: the write lock.
func (reg *registry) touch(name string, now int64) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if inst, ok := reg.instances[name]; ok {
		inst.seen = now
	}
}

func serveRegistry() {
	reg := &registry{instances: map[string]*instance{}}
	http.HandleFunc("/heartbeat", func(w http.ResponseWriter, r *http.Request) {
		reg.heartbeat(r.FormValue("name"), 1)
		reg.touch(r.FormValue("name"), 2)
	})
}

// A goroutine the constructor starts and leaves running, and the handler
// its caller registers on the returned object.
type window struct {
	mu     sync.Mutex
	counts map[string]int
}

func newWindow(reset <-chan struct{}) *window {
	w := &window{counts: map[string]int{}}
	go func() {
		for range reset {
			w.counts = map[string]int{} // want "`w.counts` is written without a lock in the goroutine started at line 137, while an HTTP handler registered with http.HandleFunc .line 167., which serves requests concurrently (reads|writes) it holding `w.mu`"
		}
	}()
	return w
}

func (w *window) allow(ip string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.counts[ip]++
	return w.counts[ip] < 100
}

// Silent: the constructor waits for its goroutine.
func newWindowWaited() *window {
	w := &window{counts: map[string]int{}}
	done := make(chan struct{})
	go func() {
		w.counts = map[string]int{}
		close(done)
	}()
	<-done
	return w
}

func serveWindow(reset <-chan struct{}) {
	win := newWindow(reset)
	waited := newWindowWaited()
	http.HandleFunc("/", func(rw http.ResponseWriter, r *http.Request) {
		_ = win.allow(r.RemoteAddr)
		_ = waited.allow(r.RemoteAddr)
	})
}

// A handler handed to the mux by value, its field set to the object a
// goroutine updates without the lock the handler's reads take.
type flags struct {
	mu sync.RWMutex
	on bool
}

func (f *flags) enabled() bool {
	f.mu.RLock()
	defer f.mu.RUnlock()
	return f.on
}

func (f *flags) poll(updates <-chan bool) {
	for on := range updates {
		f.on = on // want "`f.on` is written without a lock in the goroutine started at line 202, while an HTTP handler registered with .\\*http.ServeMux..Handle .line 204., which serves requests concurrently reads it holding `f.mu`"
	}
}

type checkout struct{ flags *flags }

func (h checkout) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.flags.enabled() {
		_, _ = w.Write([]byte("v2"))
	}
}

func serveCheckout(updates <-chan bool) {
	f := &flags{}
	go f.poll(updates)
	mux := http.NewServeMux()
	mux.Handle("/checkout", checkout{flags: f})
	_ = http.ListenAndServe(":8080", mux)
}
