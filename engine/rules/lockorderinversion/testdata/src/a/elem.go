package a

import "sync"

// Lock classes reached through elements of slices and maps.

type Hub struct {
	mu      sync.Mutex
	members []*Member
	byName  map[string]*Member
}

type Member struct {
	mu  sync.Mutex
	hub *Hub
	n   int
}

func (h *Hub) Broadcast() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range h.members {
		m.mu.Lock() // want `Member.mu is locked while holding Hub.mu here, but Member.Leave locks Hub.mu while holding Member.mu`
		m.n++
		m.mu.Unlock()
	}
}

func (m *Member) Leave() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.hub.mu.Lock() // want `Hub.mu is locked while holding Member.mu here, but Hub.Broadcast locks Member.mu while holding Hub.mu`
	m.hub.members = nil
	m.hub.mu.Unlock()
}

type Pool struct {
	mu    sync.Mutex
	conns map[string]*Conn
}

type Conn struct {
	mu   sync.Mutex
	pool *Pool
}

func (p *Pool) Drop(name string) {
	c := p.conns[name]
	c.mu.Lock()
	defer c.mu.Unlock()
	p.mu.Lock() // want `Pool.mu is locked while holding Conn.mu here, but Conn.Close locks Conn.mu while holding Pool.mu`
	delete(p.conns, name)
	p.mu.Unlock()
}

func (c *Conn) Close() {
	c.pool.mu.Lock()
	defer c.pool.mu.Unlock()
	c.mu.Lock() // want `Conn.mu is locked while holding Pool.mu here, but Pool.Drop locks Pool.mu while holding Conn.mu`
	c.mu.Unlock()
}

// OK: two elements of one slice taken nested are one class, no order.
type Grid struct {
	cells []*Cell
}

type Cell struct {
	mu sync.Mutex
	v  int
}

func (g *Grid) Swap(i, j int) {
	a, b := g.cells[i], g.cells[j]
	a.mu.Lock()
	defer a.mu.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	a.v, b.v = b.v, a.v
}

// OK: the same order through elements everywhere.
type Reg struct {
	mu    sync.Mutex
	cells []*Cell
}

func (r *Reg) Sum() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, c := range r.cells {
		c.mu.Lock()
		n += c.v
		c.mu.Unlock()
	}
	return n
}

func (r *Reg) Set(i, v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.cells[i]
	c.mu.Lock()
	c.v = v
	c.mu.Unlock()
}
