package a

import "sync"

// Negative cases.

// OK: the seed's SafeCounter with pointer receivers.
type SafeCounter struct {
	mu    sync.Mutex
	count int
}

func (c *SafeCounter) Increment() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.count++
}

// OK: ranging over pointers, or over indexes.
func Sum(cs []*Counter, more []Counter) int {
	t := 0
	for _, c := range cs {
		t += c.n
	}
	for i := range more {
		t += more[i].n
	}
	return t
}

// OK: building a fresh value is not a copy.
func NewStats(label string) *Stats {
	s := Stats{label: label}
	return &s
}

// OK: a struct that shares a *sync.Mutex may be copied.
func (s Shared) Get() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// OK: values without locks.
func (p Plain) Name() string { return p.name }

func Names(ps []Plain) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.name)
	}
	return out
}

// OK: copying a pointer.
func Alias(c *Counter) *Counter {
	d := c
	return d
}

// OK: the seed's sync.Once.
var (
	once   sync.Once
	config map[string]string
)

func Config() map[string]string {
	once.Do(func() { config = map[string]string{} })
	return config
}

// OK: embedding a *pointer* to a lock-holding struct (etcd's hasherAdapter):
// copies share the Counter.
type Adapter struct {
	*Counter
	name string
}

func (a Adapter) Name() string { return a.name }

// The engine issue's case 4: a local shadowing a package-level sync.Map is
// whatever its own type is (here a slice).
var peers sync.Map

type Group struct{ Peers []string }

func pick() []string { return []string{"a"} }

func Assign(g *Group) {
	peers := pick()
	g.Peers = peers
}

// A fresh value from a constructor is not a copy.
func Fresh() Counter {
	return Counter{}
}
