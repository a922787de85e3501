// Reproduces: etcd-io/etcd#21181 https://github.com/etcd-io/etcd/pull/21181
// Kind: map-unlocked
// Expected: concurrent-map-write
//
// clientv3 leasing cache: LockWriteOps iterates lc.entries without holding
// lc.mu while Update and delete, on other goroutines, modify the map under it.
package main

import "sync"

type leaseKey struct{ waitc chan struct{} }

type leaseCache struct {
	mu      sync.RWMutex
	entries map[string]*leaseKey
}

func (lc *leaseCache) Update(key string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.entries[key] = &leaseKey{waitc: make(chan struct{})} // bug-partner
}

func (lc *leaseCache) LockWriteOps(keys []string) []*leaseKey {
	var held []*leaseKey
	for _, k := range keys {
		if lk, ok := lc.entries[k]; ok { // bug: map-unlocked
			held = append(held, lk)
		}
	}
	return held
}

func main() {
	lc := &leaseCache{entries: map[string]*leaseKey{}}
	go func() {
		for {
			lc.Update("a")
		}
	}()
	for i := 0; i < 100; i++ {
		_ = lc.LockWriteOps([]string{"a"})
	}
}
