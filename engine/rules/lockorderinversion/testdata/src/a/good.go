package a

import "sync"

// Negative cases.

// OK: the same order everywhere (Store.mu before Shard.mu).
type Store struct {
	mu     sync.Mutex
	shards []*Shard
}

type Shard struct {
	mu   sync.Mutex
	keys map[string]int
}

func (s *Store) Put(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shards[0].put(k, v)
}

func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, sh := range s.shards {
		sh.mu.Lock()
		n += len(sh.keys)
		sh.mu.Unlock()
	}
	return n
}

func (sh *Shard) put(k string, v int) {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	sh.keys[k] = v
}

// OK: opposite orders, but both paths hold the same gate lock first.
var (
	gate  sync.Mutex
	left  sync.Mutex
	right sync.Mutex
)

func LeftRight() {
	gate.Lock()
	defer gate.Unlock()
	left.Lock()
	right.Lock()
	right.Unlock()
	left.Unlock()
}

func RightLeft() {
	gate.Lock()
	defer gate.Unlock()
	right.Lock()
	left.Lock()
	left.Unlock()
	right.Unlock()
}

// OK: read locks on both sides never block each other.
type Index struct {
	mu sync.RWMutex
	n  int
}

type Meta struct {
	mu sync.RWMutex
	n  int
}

func ReadIndexThenMeta(i *Index, m *Meta) int {
	i.mu.RLock()
	defer i.mu.RUnlock()
	m.mu.RLock()
	defer m.mu.RUnlock()
	return i.n + m.n
}

func ReadMetaThenIndex(i *Index, m *Meta) int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	i.mu.RLock()
	defer i.mu.RUnlock()
	return i.n + m.n
}

// OK: parent then child of the same type is one class, not an inversion.
type Node struct {
	mu     sync.Mutex
	parent *Node
	n      int
}

func (n *Node) BumpParent() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.parent != nil {
		n.parent.mu.Lock()
		n.parent.n++
		n.parent.mu.Unlock()
	}
}

// OK: released before the second lock is taken.
func Sequential() {
	usersMu.Lock()
	usersMu.Unlock()
	groupsMu.Lock()
	groupsMu.Unlock()
}

// OK: write-then-read against read-then-write: the read lock wanted on each
// side is only read-held by the other, so two goroutines cannot block each
// other (prometheus' discovery manager has this shape).
type Targets struct {
	mu sync.RWMutex
	n  int
}

type Provider struct {
	mu   sync.RWMutex
	subs []string
}

func Clean(t *Targets, p *Provider) {
	t.mu.Lock()
	p.mu.RLock()
	t.n = len(p.subs)
	p.mu.RUnlock()
	t.mu.Unlock()
}

func Update(t *Targets, p *Provider) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	t.mu.Lock()
	t.n++
	t.mu.Unlock()
}

// The engine issue's case 3: recalc releases clMu and re-acquires both in the
// documented order (mu before clMu); Propose's call adds no clMu→mu edge.
type S struct {
	mu, clMu sync.Mutex
	seq      int
}

func (s *S) recalc() {
	s.clMu.Unlock()
	s.mu.Lock()
	s.clMu.Lock()
	s.seq++
	s.mu.Unlock()
}

func (s *S) Propose() {
	s.clMu.Lock()
	s.recalc()
	s.clMu.Unlock()
}

func (s *S) Apply() {
	s.mu.Lock()
	s.clMu.Lock()
	s.clMu.Unlock()
	s.mu.Unlock()
}
