package a

import (
	"sync"
	"sync/atomic"
)

// The atomic types make the mix impossible.
type Counter struct{ n atomic.Int64 }

func (c *Counter) Inc()         { c.n.Add(1) }
func (c *Counter) Value() int64 { return c.n.Load() }

// A constructor fills the field before the value is shared.
type Server struct {
	mu    sync.Mutex
	conns int64
	limit int64
}

func NewServer(limit int64) *Server {
	s := &Server{limit: limit}
	s.conns = 0
	s.init()
	return s
}

// init-like helper only ever called on a new Server.
func (s *Server) init() { s.conns = 0 }

func (s *Server) Accept() { atomic.AddInt64(&s.conns, 1) }

func (s *Server) Conns() int64 { return atomic.LoadInt64(&s.conns) }

// Plain reads under the lock every atomic writer holds.
func (s *Server) Raise(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	atomic.StoreInt64(&s.limit, s.limit+n)
}

func (s *Server) LimitLocked() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limit
}

// A helper every caller calls with the lock held.
func (s *Server) limitHeld() int64 { return s.limit }

func (s *Server) Double() {
	s.mu.Lock()
	atomic.StoreInt64(&s.limit, 2*s.limitHeld())
	s.mu.Unlock()
}

// Only atomic loads: a plain read races with nothing.
type config struct{ version int64 }

func (c *config) current() int64 { return atomic.LoadInt64(&c.version) }

func (c *config) plain() int64 { return c.version }

// In init, before any goroutine runs.
var ready int32

func init() { ready = 1 }

func Ready() bool { return atomic.LoadInt32(&ready) == 1 }

func SetReady() { atomic.StoreInt32(&ready, 1) }

// After Wait: the goroutines that counted are done.
func total(parts [][]int) int64 {
	var sum struct{ n int64 }
	var wg sync.WaitGroup
	for _, p := range parts {
		wg.Add(1)
		go func(p []int) {
			defer wg.Done()
			atomic.AddInt64(&sum.n, int64(len(p)))
		}(p)
	}
	wg.Wait()
	return sum.n
}

// Nothing runs concurrently: no goroutine, no exported entry, no mutex.
type local struct{ hits int64 }

func (l *local) add() { atomic.AddInt64(&l.hits, 1) }

func (l *local) get() int64 { return l.hits }

// A plain field of the same struct, never accessed atomically.
func (s *Server) Name() string { return "server" }

type gauge struct {
	mu    sync.Mutex
	value int64
	label string
}

func (g *gauge) set(v int64)  { atomic.StoreInt64(&g.value, v) }
func (g *gauge) name() string { return g.label }

// A single writer reads its own value (raft's nextIndex).
type follower struct{ next uint64 }

func (f *follower) back() { atomic.StoreUint64(&f.next, f.next-1) }

func (f *follower) Next() uint64 { return atomic.LoadUint64(&f.next) }

func (f *follower) run(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
			f.back()
		}
	}
}

func startFollower(stop <-chan struct{}) *follower {
	f := &follower{next: 1}
	go f.run(stop)
	return f
}

// One counter type in two containers: the server's counted atomically, the
// account's under its lock.
type counters struct{ msgs int64 }

type srv struct {
	counters
	mu sync.Mutex
}

type account struct {
	mu    sync.Mutex
	stats counters
}

func (s *srv) deliver(a *account) {
	atomic.AddInt64(&s.msgs, 1)
	a.mu.Lock()
	a.stats.msgs++
	a.mu.Unlock()
}

// A snapshot copy returned by a function is nobody else's.
type cacheStats struct{ hits int64 }

type statCache struct {
	mu    sync.Mutex
	stats *cacheStats
}

func (c *statCache) hit() { atomic.AddInt64(&c.stats.hits, 1) }

func (c *statCache) snapshot() *cacheStats {
	s := cacheStats{hits: atomic.LoadInt64(&c.stats.hits)}
	return &s
}

func (c *statCache) Hits() int64 { return c.snapshot().hits }

// A constructor whose new value a closure captures.
type client struct {
	mu  sync.Mutex
	mcl int32
}

func (c *client) reload(v int32) { atomic.StoreInt32(&c.mcl, v) }

func (c *client) setup() {
	c.mcl = 4096
}

func newClient(stop chan struct{}) *client {
	c := &client{}
	c.setup()
	go func() {
		<-stop
		c.reload(0)
	}()
	return c
}
