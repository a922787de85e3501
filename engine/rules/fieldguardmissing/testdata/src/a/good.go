package a

import (
	"sync"
	"sync/atomic"
)

// The field guide's SafeCounter and SafeCache.
type SafeCounter struct {
	mu    sync.Mutex
	count int
}

func (c *SafeCounter) Increment() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.count++
}

func (c *SafeCounter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.count
}

type SafeCache struct {
	mu    sync.RWMutex
	items map[string]interface{}
}

// A constructor writes before anyone else can see the value.
func NewSafeCache() *SafeCache {
	c := &SafeCache{}
	c.items = map[string]interface{}{}
	c.items["boot"] = true
	c.reset()
	return c
}

func (c *SafeCache) Get(key string) (interface{}, bool) {
	c.mu.RLock() // reads under the read lock are fine
	defer c.mu.RUnlock()
	val, ok := c.items[key]
	return val, ok
}

func (c *SafeCache) Set(key string, value interface{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = value
}

func (c *SafeCache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reset()
}

// reset runs with the lock held (Clear) or before publication (NewSafeCache).
func (c *SafeCache) reset() {
	c.items = map[string]interface{}{}
}

// Helpers called only with the lock held, two levels down.
type Index struct {
	mu    sync.Mutex
	byID  map[int]string
	order []int
}

func (x *Index) Put(id int, s string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.insert(id, s)
}

func (x *Index) Remove(id int) {
	x.mu.Lock()
	x.drop(id)
	x.mu.Unlock()
}

func (x *Index) insert(id int, s string) {
	x.byID[id] = s
	x.appendOrder(id)
}

func (x *Index) appendOrder(id int) { x.order = append(x.order, id) }

func (x *Index) drop(id int) {
	delete(x.byID, id)
	x.order = x.order[:0]
}

// removeLocked has no caller here; its name says the caller holds x.mu.
func (x *Index) removeLocked(id int) {
	delete(x.byID, id)
}

// purge must be called with x.mu held.
func (x *Index) purge() {
	x.byID = map[int]string{}
}

// Configuration written only by the constructor: read-only once published.
type Server struct {
	mu      sync.Mutex
	name    string
	limit   int
	clients map[string]int
}

func NewServer(name string, limit int) *Server {
	return &Server{name: name, limit: limit, clients: map[string]int{}}
}

func (s *Server) Name() string { return s.name }

func (s *Server) Add(c string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.clients) >= s.limit {
		return false
	}
	s.clients[c]++
	return true
}

func (s *Server) Count(c string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clients[c]
}

func (s *Server) Forget(c string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.clients, c)
}

// Fields whose types synchronise themselves are not guarded data.
type Inner struct {
	mu sync.Mutex
	v  int
}

type Pool struct {
	mu      sync.Mutex
	seen    sync.Map
	total   atomic.Int64
	done    chan struct{}
	wg      sync.WaitGroup
	inner   *Inner
	n       int64
	workers []int
}

func (p *Pool) A() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen.Store(1, 1)
	p.total.Add(1)
	p.done = make(chan struct{})
	p.inner = &Inner{}
	p.n++
	p.workers = append(p.workers, 1)
}

func (p *Pool) B() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen.Delete(1)
	p.total.Store(0)
	p.done = nil
	p.inner = nil
	p.n--
	p.workers = nil
}

func (p *Pool) C() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen.Range(func(k, v any) bool { return true })
	_ = p.total.Load()
	_ = p.done
	_ = p.inner
	_ = p.n
	_ = len(p.workers)
}

func (p *Pool) D() {
	p.seen.Store(2, 2)
	p.total.Add(2)
	p.wg.Add(1)
	close(p.done)
	atomic.AddInt64(&p.n, 1) // an atomic field: never guarded data
}

// An unexported method nothing concurrent reaches, on a type without a
// mutex of its own: not reported.
type plain struct {
	lock  *sync.Mutex
	count int
}

func (p *plain) inc() {
	p.lock.Lock()
	p.count++
	p.lock.Unlock()
}

func (p *plain) get() int {
	p.lock.Lock()
	defer p.lock.Unlock()
	return p.count
}

func (p *plain) set(n int) {
	p.lock.Lock()
	p.count = n
	p.lock.Unlock()
}

func (p *plain) peek() int { return p.count }

// A closure handed to a visitor runs under the lock its maker holds.
type Visits struct {
	mu    sync.Mutex
	names []string
	count int
}

func (v *Visits) each(f func(string)) {
	for _, n := range v.names {
		f(n)
	}
}

func (v *Visits) Count() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.each(func(string) { v.count++ })
	return v.count
}

func (v *Visits) Reset() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.count = 0
	v.names = nil
}

// A map written from goroutines started in a loop is concurrent-map-write's
// finding (with the goroutines named): not reported twice.
func (s *Server) Flood(cs []string) {
	for _, c := range cs {
		go func() {
			s.clients[c] = 0
		}()
	}
}
