package syncx_test

import (
	"fmt"
	"sync"

	"github.com/goconc/goconc/runtime/syncx"
)

// A read-mostly cache that builds each entry once, however many goroutines
// ask for it at the same time.
func ExampleMap_LoadOrCompute() {
	cache := syncx.NewMap[string, string]()
	builds := 0
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cache.LoadOrCompute("greeting", func() string {
				builds++ // runs once, under the shard lock
				return "hello"
			})
		}()
	}
	wg.Wait()
	v, _ := cache.Load("greeting")
	fmt.Println(v, builds)
	// Output: hello 1
}

// Compute replaces the racy "load, change, store" sequence.
func ExampleMap_Compute() {
	hits := syncx.NewMap[string, int]()
	var wg sync.WaitGroup
	for range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits.Compute("/home", func(n int, _ bool) (int, syncx.ComputeOp) { return n + 1, syncx.UpdateOp })
		}()
	}
	wg.Wait()
	n, _ := hits.Load("/home")
	fmt.Println(n)
	// Output: 100
}

// Serialise updates per account while different accounts proceed in
// parallel.
func ExampleKeyedMutex() {
	var locks syncx.KeyedMutex[int64]
	balances := map[int64]int{1: 0, 2: 0}
	var mu sync.Mutex // guards the map structure itself, not the balances' logic
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := int64(i%2 + 1)
			locks.Lock(id)
			defer locks.Unlock(id)
			mu.Lock()
			balances[id] += 10
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(balances[1], balances[2], locks.Len())
	// Output: 250 250 0
}
