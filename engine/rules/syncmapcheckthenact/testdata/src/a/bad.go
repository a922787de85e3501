package a

import (
	"net"
	"sync"
)

var cache sync.Map

// The seed's sync.Map with "store if absent" spelled as two calls.
func remember(key string, value *session) {
	if _, ok := cache.Load(key); !ok {
		cache.Store(key, value) // want `cache.Store\(key, …\) is decided by cache.Load\(key\) \(line 12\) without a lock: another goroutine can store the same key in between, and one of the two values is lost \(use cache.LoadOrStore\(key, v\) or CompareAndSwap\)`
	}
}

type pool struct {
	conns sync.Map // addr → net.Conn
}

// A connection cache: two callers both dial, one connection leaks.
func (p *pool) get(addr string) (net.Conn, error) {
	if c, ok := p.conns.Load(addr); ok {
		return c.(net.Conn), nil
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	p.conns.Store(addr, c) // want `p.conns.Store\(addr, …\) is decided by p.conns.Load\(addr\)`
	return c, nil
}

// A counter: read, add, store — concurrent increments are lost.
func (p *pool) hit(counts *sync.Map, name string) {
	n, _ := counts.Load(name)
	v, _ := n.(int)
	counts.Store(name, v+1) // want `the value stored is computed from what Load returned; another goroutine can store in between, and its update is lost \(loop on CompareAndSwap\)`
}

// Expiry: the Delete removes whatever another goroutine stored meanwhile.
func expire(sessions *sync.Map, id int64, now int64) {
	v, ok := sessions.Load(id)
	if ok && v.(int64) < now {
		sessions.Delete(id) // want `sessions.Delete\(id\) is decided by sessions.Load\(id\) \(line 43\) without a lock: another goroutine can store a new value in between, and this Delete removes it \(use sessions.CompareAndDelete\(id, old\) or LoadAndDelete\)`
	}
}

type registry struct {
	byName struct{ m sync.Map }
}

// A constant key, through a field path.
func (r *registry) defaults() {
	if v, _ := r.byName.m.Load("default"); v == nil {
		r.byName.m.Store("default", &session{name: "default"}) // want `r.byName.m.Store\("default", …\) is decided by r.byName.m.Load\("default"\)`
	}
}

// The key read twice from the same field.
func (r *registry) register(s *session) {
	if _, loaded := r.byName.m.Load(s.name); loaded {
		return
	}
	r.byName.m.Store(s.name, s) // want `r.byName.m.Store\(s.name, …\) is decided by`
}

type session struct{ name string }

// A lock around the Load only does not cover the Store.
func (r *registry) half(mu *sync.Mutex, k string) {
	mu.Lock()
	_, ok := r.byName.m.Load(k)
	mu.Unlock()
	if !ok {
		r.byName.m.Store(k, []string{k}) // want `is decided by r.byName.m.Load\(k\)`
	}
}
