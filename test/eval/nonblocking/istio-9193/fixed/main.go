// Fixed version of istio/istio#9193: both methods take the builder's lock.
package main

import "sync"

type builder struct {
	sync.Mutex
	controllers map[string]int
}

func (b *builder) createCacheController(clusterID string) error {
	b.Lock()
	defer b.Unlock()
	b.controllers[clusterID] = 1 // fixed
	return nil
}

func (b *builder) deleteCacheController(clusterID string) error {
	b.Lock()
	defer b.Unlock()
	delete(b.controllers, clusterID)
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
