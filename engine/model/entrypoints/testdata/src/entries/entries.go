// Package entries exercises the entry-point model: each start or
// registration is marked with the entry it makes, each observe() call with
// the entries it runs under and whether its argument is one location for
// every instance of them.
package entries

import (
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"
)

func observe(any) {}

var total int

// A goroutine started once: it does not run concurrently with itself.
func Once() {
	go func() { // want `entry goroutine Once\$1 via go statement multi=false`
		observe(&total) // want `in \[Once\$1\] shared=\[true\]`
	}()
}

// Started in a loop: concurrently with itself. The counter declared before
// the loop is shared by all of them; the one declared in the body is not.
func Loop(n int) {
	count := 0
	for i := 0; i < n; i++ {
		own := 0
		go func() { // want `entry goroutine Loop\$1 via go statement multi=true`
			observe(&count) // want `in \[Loop\$1\] shared=\[true\]`
			observe(&own)   // want `in \[Loop\$1\] shared=\[false\]`
		}()
	}
}

type Worker struct{ last int }

// A method started in a loop, and what it calls: the receiver is the same
// Worker for all; the argument made in the loop is not shared.
func Fanout(w *Worker, items []int) {
	for _, it := range items {
		p := &Worker{last: it}
		go w.record(p) // want `entry goroutine record via go statement multi=true`
	}
}

func (w *Worker) record(p *Worker) {
	observe(&w.last) // want `in \[record\] shared=\[true\]`
	observe(&p.last) // want `in \[record\] shared=\[false\]`
	helper(w)
}

func helper(w *Worker) {
	observe(&w.last) // want `in \[record\] shared=\[true\]`
}

// errgroup, WaitGroup.Go and time.AfterFunc.
func Group(urls []string) error {
	var g errgroup.Group
	var wg sync.WaitGroup
	for range urls {
		g.Go(func() error { return nil }) // want `entry goroutine Group\$1 via \(\*errgroup.Group\).Go multi=true`
		wg.Go(func() {})                  // want `entry goroutine Group\$2 via \(\*sync.WaitGroup\).Go multi=true`
	}
	time.AfterFunc(time.Second, func() {}) // want `entry callback Group\$3 via time.AfterFunc multi=false`
	wg.Wait()
	return g.Wait()
}

// HTTP handlers: each request runs concurrently with the others.
type API struct{ hits int }

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { // want `entry handler ServeHTTP via ServeHTTP method multi=true`
	observe(&a.hits) // want `in \[ServeHTTP\] shared=\[true\]`
	a.count(r)
}

func (a *API) count(r *http.Request) {
	observe(r) // want `in \[ServeHTTP\] shared=\[false\]`
}

func Routes(a *API) {
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {}) // want `entry handler Routes\$1 via \(\*http.ServeMux\).HandleFunc multi=true`
	http.Handle("/b", http.HandlerFunc(index))                            // want `entry handler index via http.Handle multi=true`
	r := chi.NewRouter()
	r.Get("/c", index) // want `entry handler index via \(\*chi.Mux\).Get multi=true`
	var ri chi.Router = r
	ri.Post("/d", index) // want `entry handler index via \(chi.Router\).Post multi=true`
	e := gin.New()
	e.GET("/e", func(c *gin.Context) {}) // want `entry handler Routes\$2 via \(\*gin.RouterGroup\).GET multi=true`
}

func index(w http.ResponseWriter, r *http.Request) {
	// A goroutine started by a handler runs once per request.
	go func() {}() // want `entry goroutine index\$1 via go statement multi=true`
}

// Not entries: a closure called in place, sync.Once.
func NotEntries() {
	var once sync.Once
	once.Do(func() { observe(&total) }) // want `in \[\] shared=\[\]`
	func() { observe(&total) }()        // want `in \[\] shared=\[\]`
}

// An interface call reaches the package's implementations.
type Store interface{ Put(int) }

type memStore struct{ n int }

func (m *memStore) Put(v int) { observe(&m.n) } // want `in \[Iface\$1\] shared=\[true\]`

func Iface(s Store, n int) {
	for i := 0; i < n; i++ {
		go func() { s.Put(i) }() // want `entry goroutine Iface\$1 via go statement multi=true`
	}
}

// A method value as a handler: its receiver is bound once, so a goroutine
// each request starts shares it; the request is each goroutine's own.
type Stats struct{ n int }

func (s *Stats) Handle(w http.ResponseWriter, r *http.Request) {
	go func() { // want `entry goroutine Handle\$1 via go statement multi=true`
		observe(&s.n) // want `in \[Handle\$1\] shared=\[true\]`
		observe(r)    // want `in \[Handle\$1\] shared=\[false\]`
	}()
}

func (s *Stats) Routes() { http.HandleFunc("/s", s.Handle) } // want `entry handler Handle\$bound via http.HandleFunc multi=true`

// A closure called in place runs in its maker's goroutine; one handed to a
// library runs when, and under whatever lock, the library decides.
func Callbacks(xs []int) {
	for range xs {
		go func() { // want `entry goroutine Callbacks\$1 via go statement multi=true`
			func() { observe(&total) }()                                          // want `in \[Callbacks\$1\] shared=\[true\]`
			sort.Slice(xs, func(i, j int) bool { observe(&total); return false }) // want `in \[\] shared=\[\]`
		}()
	}
}

// A one-slot semaphore taken before each start and released by the
// goroutine: one instance at a time. Two slots: two at a time.
func Serialized(batches chan []int) {
	pending := make(chan struct{}, 1)
	write := func(b []int) {
		observe(&total) // want `in \[Serialized\$1\] shared=\[true\]`
		<-pending
	}
	for b := range batches {
		pending <- struct{}{}
		go write(b) // want `entry goroutine Serialized\$1 via go statement multi=false`
	}
}

func TwoSlots(batches chan []int) {
	pending := make(chan struct{}, 2)
	for b := range batches {
		pending <- struct{}{}
		go func() { // want `entry goroutine TwoSlots\$1 via go statement multi=true`
			_ = b
			<-pending
		}()
	}
}

// gorilla/mux and echo, by the router's package and the handler's type.
func MoreRouters() {
	r := mux.NewRouter()
	r.HandleFunc("/g", index) // want `entry handler index via \(\*mux.Router\).HandleFunc multi=true`
	e := echo.New()
	e.GET("/e", func(c echo.Context) error { return nil }) // want `entry handler MoreRouters\$1 via \(\*echo.Echo\).GET multi=true`
}
