// Reproduces: istio/istio#9193 https://github.com/istio/istio/pull/9193
// Kind: map-unlocked
// Expected: concurrent-map-write
//
// Mixer kubernetesenv adapter: createCacheController and
// deleteCacheController add and remove entries of the builder's controllers
// map from the multicluster secret watcher's goroutines with no lock.
package main

import "sync"

type builder struct {
	sync.Mutex
	controllers map[string]int
}

func (b *builder) createCacheController(clusterID string) error {
	b.controllers[clusterID] = 1 // bug: map-unlocked
	return nil
}

func (b *builder) deleteCacheController(clusterID string) error {
	delete(b.controllers, clusterID) // bug-partner
	return nil
}

func main() {
	b := &builder{controllers: map[string]int{}}
	var wg sync.WaitGroup
	for _, id := range []string{"a", "b", "c"} {
		wg.Add(2)
		go func(id string) { defer wg.Done(); _ = b.createCacheController(id) }(id)
		go func(id string) { defer wg.Done(); _ = b.deleteCacheController(id) }(id)
	}
	wg.Wait()
}
