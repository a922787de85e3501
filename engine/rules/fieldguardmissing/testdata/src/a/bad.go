package a

import "sync"

// Cache's items are guarded by mu at every access but Len's and Reset's.
type Cache struct {
	mu    sync.RWMutex
	items map[string]int
	hits  int
}

func (c *Cache) Get(k string) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.items[k]
	return v, ok
}

func (c *Cache) Set(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}

func (c *Cache) Delete(k string) {
	c.mu.Lock()
	delete(c.items, k)
	c.mu.Unlock()
}

func (c *Cache) Keys() []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for k := range c.items {
		out = append(out, k)
	}
	return out
}

func (c *Cache) Len() int {
	return len(c.items) // want "`c.items` is guarded by `c.mu` at 5 of 6 accesses outside constructors, but read here without it"
}

// Hit writes under the read lock: other readers run at the same time.
func (c *Cache) Hit(k string) int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.hits++ // want "`c.hits` is guarded by `c.mu` at 3 of 3 accesses outside constructors, but written here holding it only for reading"
	return c.items[k]
}

func (c *Cache) Hits() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

func (c *Cache) ResetHits() {
	c.mu.Lock()
	c.hits = 0
	c.mu.Unlock()
}

// Registry documents its guard: one unguarded write is enough.
type Registry struct {
	mu    sync.Mutex
	names []string // guarded by mu
}

func (r *Registry) Add(n string) {
	r.mu.Lock()
	r.names = append(r.names, n)
	r.mu.Unlock()
}

func (r *Registry) Clear() {
	r.names = nil // want "`r.names` is documented as guarded by `r.mu` \\(held at 1 of 2 accesses outside constructors\\), but written here without it"
}

// Stats: the mutex heading the group protects what follows it.
type Stats struct {
	mu sync.Mutex // protects the following
	n  int
	m  map[string]int

	label string // not in the group
}

func (s *Stats) Inc(k string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	s.m[k]++
}

func (s *Stats) Drop(k string) {
	delete(s.m, k) // want "`s.m` is documented as guarded by `s.mu`"
}

func (s *Stats) SetLabel(l string) { s.label = l }

// A helper whose callers disagree: one holds the lock, the goroutine does not.
type Queue struct {
	mu   sync.Mutex
	jobs []int
}

func (q *Queue) Push(j int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.jobs = append(q.jobs, j)
}

func (q *Queue) Pop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	j := q.jobs[0]
	q.jobs = q.jobs[1:]
	return j
}

func (q *Queue) Size() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.jobs)
}

func (q *Queue) truncate() {
	q.jobs = q.jobs[:0] // want "`q.jobs` is guarded by `q.mu` at 4 of 5 accesses outside constructors, but written here without it"
}

func (q *Queue) Start() {
	go q.truncate()
}

// Package variables guarded by a package-level mutex.
var (
	regMu    sync.Mutex
	registry = map[string]int{}
)

func Register(n string, v int) {
	regMu.Lock()
	registry[n] = v
	regMu.Unlock()
}

func Lookup(n string) int {
	regMu.Lock()
	defer regMu.Unlock()
	return registry[n]
}

func Unregister(n string) {
	regMu.Lock()
	defer regMu.Unlock()
	delete(registry, n)
}

func Watch() {
	go func() {
		registry["watch"] = 1 // want "`registry` is guarded by `regMu` at 3 of 4 accesses outside constructors, but written here without it"
	}()
}

// A slice element write is a write of the field holding the slice.
type Ring struct {
	mu   sync.Mutex
	buf  []int
	next int
}

func (r *Ring) Put(v int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf[r.next] = v
	r.next = (r.next + 1) % len(r.buf)
}

func (r *Ring) Last() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf[(r.next+len(r.buf)-1)%len(r.buf)]
}

func (r *Ring) Zero(i int) {
	r.buf[i] = 0 // want "`r.buf` is guarded by `r.mu` at 3 of 4 accesses outside constructors, but written here without it"
}

// Replication: a goroutine started through a helper reads the peer its
// leader loop swaps under peerLock (raft's followerReplication.peer).
type Replication struct {
	// peer is the remote follower.
	peer string
	// peerLock protects 'peer'
	peerLock sync.RWMutex
	stop     chan struct{}
}

type Leader struct {
	mu    sync.Mutex
	repls map[string]*Replication
}

func goFunc(f func()) {
	go func() {
		f()
	}()
}

func (l *Leader) StartReplication(name string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s, ok := l.repls[name]
	if !ok {
		s = &Replication{peer: name, stop: make(chan struct{})}
		l.repls[name] = s
		goFunc(func() { replicate(s) })
		return
	}
	s.peerLock.Lock()
	s.peer = name
	s.peerLock.Unlock()
}

func replicate(r *Replication) {
	r.peerLock.RLock()
	p := r.peer
	r.peerLock.RUnlock()
	println(p, r.peer) // want "`r.peer` is documented as guarded by `r.peerLock` \\(held at 2 of 3 accesses outside constructors\\), but read here without it"
}

// A struct held by value in two types: memStore's mutex guards its copy only
// (nats-server's StreamState in memStore and fileStore).
type StreamState struct{ Seq int }

type MemStore struct {
	mu    sync.Mutex
	state StreamState
}

func (ms *MemStore) Store() {
	ms.mu.Lock()
	ms.state.Seq++
	ms.mu.Unlock()
}

func (ms *MemStore) Seq() int {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return ms.state.Seq
}

func (ms *MemStore) Reset() {
	ms.mu.Lock()
	ms.state.Seq = 0
	ms.mu.Unlock()
}

func (ms *MemStore) Peek() int {
	return ms.state.Seq // want "`ms.state.Seq` is guarded by `ms.mu` at 3 of 4 accesses outside constructors, but read here without it"
}

type FileStore struct {
	mu    sync.Mutex
	state StreamState
}

func (fs *FileStore) Fill(n int) { fs.state.Seq = n }

func (fs *FileStore) Last() int { return fs.state.Seq }
