package syncx

import (
	"hash/maphash"
	"math/bits"
	"runtime"
	"sync"
)

// ComputeOp tells [Map.Compute] what to do with the value its function
// returned.
type ComputeOp int

const (
	UpdateOp ComputeOp = iota // store the returned value
	DeleteOp                  // delete the key
	CancelOp                  // leave the map unchanged
)

type shard[K comparable, V any] struct {
	mu sync.RWMutex
	m  map[K]V
	_  [64 - 24 - 8]byte // keep shards on separate cache lines
}

// Map is a typed map safe for concurrent use, split into shards that are
// each guarded by a sync.RWMutex. Reads of different shards never contend
// on a lock word, and reads of one shard proceed in parallel. Create it with
// [NewMap]; the zero value is not usable.
type Map[K comparable, V any] struct {
	seed   maphash.Seed
	mask   uint64
	shards []shard[K, V]
}

// MapOption configures a Map.
type MapOption func(*mapConfig)

type mapConfig struct{ shards int }

// WithShards sets the number of shards, rounded up to a power of two
// (default: 4 × GOMAXPROCS). One shard gives a plain RWMutex-guarded map.
func WithShards(n int) MapOption { return func(c *mapConfig) { c.shards = n } }

// NewMap returns an empty Map.
func NewMap[K comparable, V any](opts ...MapOption) *Map[K, V] {
	c := mapConfig{shards: 4 * runtime.GOMAXPROCS(0)}
	for _, o := range opts {
		o(&c)
	}
	n := 1
	if c.shards > 1 {
		n = 1 << bits.Len(uint(c.shards-1))
	}
	m := &Map[K, V]{seed: maphash.MakeSeed(), mask: uint64(n - 1), shards: make([]shard[K, V], n)}
	for i := range m.shards {
		m.shards[i].m = make(map[K]V)
	}
	return m
}

func (m *Map[K, V]) shard(k K) *shard[K, V] {
	if m.mask == 0 {
		return &m.shards[0]
	}
	return &m.shards[m.hash(k)&m.mask]
}

// hash picks a fast path for common key types; maphash.Comparable is
// general but several times slower for small keys.
func (m *Map[K, V]) hash(k K) uint64 {
	switch k := any(k).(type) {
	case string:
		return maphash.String(m.seed, k)
	case int:
		return mix(uint64(k))
	case int64:
		return mix(uint64(k))
	case uint64:
		return mix(k)
	case int32:
		return mix(uint64(k))
	case uint32:
		return mix(uint64(k))
	case uint:
		return mix(uint64(k))
	}
	return maphash.Comparable(m.seed, k)
}

// mix is the splitmix64 finaliser: shard choice uses the low bits, which
// must depend on every bit of the key.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Load returns the value stored for k and whether there was one.
func (m *Map[K, V]) Load(k K) (v V, ok bool) {
	s := m.shard(k)
	s.mu.RLock()
	v, ok = s.m[k]
	s.mu.RUnlock()
	return v, ok
}

// Store sets the value for k.
func (m *Map[K, V]) Store(k K, v V) {
	s := m.shard(k)
	s.mu.Lock()
	s.m[k] = v
	s.mu.Unlock()
}

// LoadOrStore returns the existing value for k if present (loaded is true);
// otherwise it stores v and returns it.
func (m *Map[K, V]) LoadOrStore(k K, v V) (actual V, loaded bool) {
	s := m.shard(k)
	s.mu.RLock()
	actual, loaded = s.m[k]
	s.mu.RUnlock()
	if loaded {
		return actual, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if actual, loaded = s.m[k]; loaded {
		return actual, true
	}
	s.m[k] = v
	return v, false
}

// LoadOrCompute returns the existing value for k if present (loaded is
// true); otherwise it calls fn, stores its result and returns it. fn runs at
// most once per absent key even when many goroutines race, which makes this
// the tool for "initialise once per key" caches. fn runs with the shard's
// write lock held: keep it short, and do not call m's methods from it.
func (m *Map[K, V]) LoadOrCompute(k K, fn func() V) (v V, loaded bool) {
	s := m.shard(k)
	s.mu.RLock()
	v, loaded = s.m[k]
	s.mu.RUnlock()
	if loaded {
		return v, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, loaded = s.m[k]; loaded {
		return v, true
	}
	v = fn()
	s.m[k] = v
	return v, false
}

// Compute atomically reads, changes and writes the value for k: fn gets the
// current value (and whether there is one) and returns the new value and
// what to do with it. Compute returns the value now stored and whether one
// is. No update between the read and the write can be lost. fn runs with
// the shard's write lock held: keep it short, and do not call m's methods
// from it.
func (m *Map[K, V]) Compute(k K, fn func(old V, loaded bool) (V, ComputeOp)) (actual V, ok bool) {
	s := m.shard(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	old, loaded := s.m[k]
	nv, op := fn(old, loaded)
	switch op {
	case UpdateOp:
		s.m[k] = nv
		return nv, true
	case DeleteOp:
		delete(s.m, k)
		var zero V
		return zero, false
	default:
		return old, loaded
	}
}

// Delete removes k.
func (m *Map[K, V]) Delete(k K) {
	s := m.shard(k)
	s.mu.Lock()
	delete(s.m, k)
	s.mu.Unlock()
}

// LoadAndDelete removes k and returns its previous value, if any.
func (m *Map[K, V]) LoadAndDelete(k K) (v V, loaded bool) {
	s := m.shard(k)
	s.mu.Lock()
	v, loaded = s.m[k]
	delete(s.m, k)
	s.mu.Unlock()
	return v, loaded
}

// Len returns the number of keys. It is exact at some instant between the
// call and its return only if no writes run concurrently.
func (m *Map[K, V]) Len() int {
	n := 0
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.RLock()
		n += len(s.m)
		s.mu.RUnlock()
	}
	return n
}

// Range calls fn for each key and value until fn returns false. Each shard
// is read-locked while its entries are visited: fn must not write to m (it
// would deadlock); collect keys and write after Range returns. Range sees a
// consistent view of each shard but not of the whole map.
func (m *Map[K, V]) Range(fn func(k K, v V) bool) {
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.RLock()
		for k, v := range s.m {
			if !fn(k, v) {
				s.mu.RUnlock()
				return
			}
		}
		s.mu.RUnlock()
	}
}

// Clear removes every key.
func (m *Map[K, V]) Clear() {
	for i := range m.shards {
		s := &m.shards[i]
		s.mu.Lock()
		clear(s.m)
		s.mu.Unlock()
	}
}
