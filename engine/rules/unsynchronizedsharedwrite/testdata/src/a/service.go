package a

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// A field read under RLock and written by every request without the lock.
type Limiter struct {
	mu   sync.RWMutex
	hits int
}

func (l *Limiter) Hits() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.hits
}

func (l *Limiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.hits++ // want "`l.hits` is written without a lock by `ServeHTTP`, which runs in the HTTP handler `ServeHTTP`"
}

// A timer callback racing with the function that scheduled it.
var timedOut bool

func Deadline() bool {
	time.AfterFunc(time.Second, func() {
		timedOut = true // want "`timedOut` is written in a callback and accessed by the starting function"
	})
	return timedOut
}

// WaitGroup.Go in a loop.
func Sum(xs []int) int {
	var wg sync.WaitGroup
	total := 0
	for _, x := range xs {
		wg.Go(func() {
			total += x // want "`total` is written by goroutines started in a loop"
		})
	}
	wg.Wait()
	return total
}

// A goroutine started per request writing the handler's shared state.
type Stats struct{ last string }

func (s *Stats) Handle(w http.ResponseWriter, r *http.Request) {
	go func() {
		s.last = r.URL.Path // want "`s.last` is written by goroutines started by `Handle`"
	}()
}

func (s *Stats) Routes() { http.HandleFunc("/s", s.Handle) }

// OK: the request of each goroutine is its own.
type Request struct{ done bool }

func Serve(reqs []*Request) {
	for _, r := range reqs {
		go func() { r.done = true }()
	}
}

func perRequest(w http.ResponseWriter, r *http.Request) {
	go func() { r.Method = "seen" }()
}

func RoutesPer() { http.HandleFunc("/p", perRequest) }

// OK: atomics, as functions and as types.
var requests int64

type Meter struct{ n atomic.Int64 }

func (m *Meter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	atomic.AddInt64(&requests, 1)
	m.n.Add(1)
}

// OK: the seed's SafeCounter used from handlers.
type Visits struct {
	mu sync.Mutex
	n  int
}

func (v *Visits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.mu.Lock()
	v.n++
	v.mu.Unlock()
}

// OK: two goroutines of one closure, each with its own parameter (captured by
// an inner closure, so a variable of each call).
func TwoCalls(run func(func() error) error) {
	ch := make(chan error, 2)
	put := func(i int) {
		ch <- run(func() error { _ = i; return nil })
	}
	go put(1)
	go put(2)
	<-ch
	<-ch
}

// A write under RLock: read locks exclude writers, not each other.
type Config struct {
	mu    sync.RWMutex
	value string
	reads int
}

func (c *Config) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.reads++ // want "`c.reads` is written holding only the read lock `c.mu` by `ServeHTTP`"
	_ = c.value
}

// OK: two goroutines on two different clients; parse captures its receiver
// in a closure, which makes it a variable of each call.
type Client struct{ state int }

func (c *Client) parse() {
	c.state = 1
	func() { _ = c }()
}

func TwoClients(a, b *Client) {
	go a.parse()
	go b.parse()
}

// OK: the callback reaches the function that scheduled it again (a new
// call, a new `token`); the scheduling call's own `token` is not written
// after the callback is scheduled.
func schedule(n int) {
	token := n * 2
	if n > 0 {
		time.AfterFunc(time.Second, func() { schedule(token - 1) })
	}
	_ = token
}
