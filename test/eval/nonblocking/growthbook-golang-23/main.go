// Reproduces: growthbook/growthbook-golang#23 https://github.com/growthbook/growthbook-golang/issues/23
// Kind: write-under-rlock
// Expected: concurrent-map-write
//
// trackFeatureUsage writes gb.trackedFeatures while its callers hold only the
// read lock, so concurrent EvalFeature calls write the map together
// ("concurrent map writes" under load).
package main

import "sync"

type GrowthBook struct {
	mu              sync.RWMutex
	trackedFeatures map[string]any
}

func (gb *GrowthBook) trackFeatureUsage(key string, value any) {
	if _, exists := gb.trackedFeatures[key]; exists {
		return
	}
	gb.trackedFeatures[key] = value // bug: write-under-rlock
}

func (gb *GrowthBook) EvalFeature(key string) any {
	gb.mu.RLock()
	defer gb.mu.RUnlock()
	gb.trackFeatureUsage(key, true) // bug-partner
	return true
}

func main() {
	gb := &GrowthBook{trackedFeatures: map[string]any{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); _ = gb.EvalFeature("f") }()
	}
	wg.Wait()
}
