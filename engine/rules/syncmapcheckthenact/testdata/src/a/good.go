package a

import "sync"

// The seed's correct uses: Store, Load then use, LoadOrStore, Delete, Range.
func seed() {
	var m sync.Map
	m.Store("key", "value")
	if val, ok := m.Load("key"); ok {
		println(val.(string))
	}
	actual, loaded := m.LoadOrStore("key", "default")
	_, _ = actual, loaded
	m.Delete("key")
	m.Range(func(k, v any) bool { return true })
}

// Load then Store of a different key.
func otherKey(m *sync.Map, a, b string) {
	if _, ok := m.Load(a); !ok {
		m.Store(b, 1)
	}
}

// The same key on another map.
func otherMap(m1, m2 *sync.Map, k string) {
	if _, ok := m1.Load(k); !ok {
		m2.Store(k, 1)
	}
}

// The Store does not depend on the Load: it runs on every path.
func independent(m *sync.Map, k string) int {
	v, ok := m.Load(k)
	if !ok {
		println("miss")
	}
	m.Store(k, 2)
	if ok {
		return v.(int)
	}
	return 0
}

// Under a mutex held around both.
type guarded struct {
	mu sync.Mutex
	m  sync.Map
}

func (g *guarded) add(k string, v int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.m.Load(k); !ok {
		g.m.Store(k, v)
	}
}

// Double-checked under the mutex: the inner Load and the Store share it.
func (g *guarded) once(k string, mk func() int) any {
	if v, ok := g.m.Load(k); ok {
		return v
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if v, ok := g.m.Load(k); ok {
		return v
	}
	v := mk()
	g.m.Store(k, v)
	return v
}

// LoadOrStore and CompareAndSwap do the check and the act in one step.
func atomicForms(m *sync.Map, k string) {
	if _, ok := m.Load(k); !ok {
		m.LoadOrStore(k, 0)
	}
	for {
		old, _ := m.Load(k)
		n, _ := old.(int)
		if m.CompareAndSwap(k, old, n+1) {
			break
		}
	}
	if v, ok := m.Load(k); ok && v.(int) > 10 {
		m.CompareAndDelete(k, v)
	}
	if _, ok := m.Load(k); ok {
		m.LoadAndDelete(k)
	}
}

// Read-only: Load then use.
func lookup(m *sync.Map, k string) (int, bool) {
	v, ok := m.Load(k)
	if !ok {
		return 0, false
	}
	return v.(int), true
}

// Keys computed by two different variables.
func twoVars(m *sync.Map, ks []string) {
	for i := range ks {
		if _, ok := m.Load(ks[i]); !ok {
			m.Store(ks[len(ks)-1-i], true)
		}
	}
}

// Memoisation: a bool computed again for the key is the same value twice.
func allowed(cache *sync.Map, subject string, check func(string) bool) bool {
	if v, ok := cache.Load(subject); ok {
		return v.(bool)
	}
	ok := check(subject)
	cache.Store(subject, ok)
	return ok
}

// A value of unknown dynamic type (any) says nothing either.
func fill(cache *sync.Map, k string, mk func() any) {
	if _, ok := cache.Load(k); !ok {
		cache.Store(k, mk())
	}
}

// Deleting when present is what Delete does: only presence decides it.
func forget(set *sync.Map, k string) bool {
	if _, ok := set.Load(k); ok {
		set.Delete(k)
		return true
	}
	return false
}

// Lock held on entry: every caller holds the registry lock.
type accounts struct {
	mu sync.Mutex
	m  sync.Map
}

func (a *accounts) registerLocked(name string, acc *session) *session {
	if v, ok := a.m.Load(name); ok {
		return v.(*session)
	}
	a.m.Store(name, acc)
	return acc
}

func (a *accounts) Register(name string) *session {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.registerLocked(name, &session{name: name})
}
