package syncx

import (
	"context"
	"sync"
)

// KeyedMutex is a mutual-exclusion lock per key: goroutines locking the same
// key run one at a time, goroutines locking different keys run in parallel.
// Use it to serialise work on one entity (an account, an order, a cache key)
// in one process. Memory is proportional to the number of keys locked or
// waited for right now: a key's entry is freed when its last user unlocks.
//
// The zero value is ready to use. A KeyedMutex must not be copied after
// first use. Like sync.Mutex, a locked key is not tied to a goroutine.
type KeyedMutex[K comparable] struct {
	mu sync.Mutex
	m  map[K]*keyEntry
}

type keyEntry struct {
	sem  chan struct{} // holds a token while the key is locked
	refs int           // holders + waiters, guarded by KeyedMutex.mu
}

var entryPool = sync.Pool{New: func() any { return &keyEntry{sem: make(chan struct{}, 1)} }}

func (km *KeyedMutex[K]) acquireRef(k K) *keyEntry {
	km.mu.Lock()
	if km.m == nil {
		km.m = make(map[K]*keyEntry)
	}
	e := km.m[k]
	if e == nil {
		e = entryPool.Get().(*keyEntry)
		km.m[k] = e
	}
	e.refs++
	km.mu.Unlock()
	return e
}

// dropRef must be called with km.mu held.
func (km *KeyedMutex[K]) dropRef(k K, e *keyEntry) {
	e.refs--
	if e.refs == 0 {
		delete(km.m, k)
		entryPool.Put(e)
	}
}

// Lock locks k, waiting as long as it takes.
func (km *KeyedMutex[K]) Lock(k K) {
	e := km.acquireRef(k)
	e.sem <- struct{}{}
}

// LockContext locks k, or returns ctx.Err() if ctx is done first.
func (km *KeyedMutex[K]) LockContext(ctx context.Context, k K) error {
	e := km.acquireRef(k)
	select {
	case e.sem <- struct{}{}:
		return nil
	default:
	}
	select {
	case e.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		km.mu.Lock()
		km.dropRef(k, e)
		km.mu.Unlock()
		return ctx.Err()
	}
}

// TryLock locks k if it is free and reports whether it did.
func (km *KeyedMutex[K]) TryLock(k K) bool {
	e := km.acquireRef(k)
	select {
	case e.sem <- struct{}{}:
		return true
	default:
		km.mu.Lock()
		km.dropRef(k, e)
		km.mu.Unlock()
		return false
	}
}

// Unlock unlocks k. It panics if k is not locked.
func (km *KeyedMutex[K]) Unlock(k K) {
	km.mu.Lock()
	defer km.mu.Unlock()
	e := km.m[k]
	if e == nil {
		panic("syncx: Unlock of unlocked key")
	}
	select {
	case <-e.sem:
	default:
		panic("syncx: Unlock of unlocked key")
	}
	km.dropRef(k, e)
}

// Len returns the number of keys currently locked or waited for.
func (km *KeyedMutex[K]) Len() int {
	km.mu.Lock()
	defer km.mu.Unlock()
	return len(km.m)
}
