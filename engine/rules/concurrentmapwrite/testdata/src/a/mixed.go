package a

import (
	"sync"
	"time"
)

// A cache updated under its lock by a goroutine and read without it by the
// starter's loop (etcd #21181).
type leaseCache struct {
	mu      sync.RWMutex
	entries map[string]int
}

func (lc *leaseCache) update(k string) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.entries[k]++
}

func (lc *leaseCache) held(keys []string) int {
	n := 0
	for _, k := range keys {
		if v, ok := lc.entries[k]; ok { // want "map `lc.entries` is read without a lock while the goroutine started at line 33 writes it holding `lc.mu`"
			n += v
		}
	}
	return n
}

func leases() int {
	lc := &leaseCache{entries: map[string]int{}}
	go func() {
		for {
			lc.update("a")
		}
	}()
	return lc.held([]string{"a"})
}

// Two goroutines of one starter: one writes the map without the lock the
// other takes (prometheus #1780).
type discovery struct {
	mu       sync.Mutex
	services map[string]string
}

func (d *discovery) add(name string) {
	d.services[name] = name // want "map `d.services` is written without a lock in the goroutine started at line 67, while the goroutine started at line 68 writes it holding `d.mu`"
}

func (d *discovery) remove(name string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.services, name)
}

func (d *discovery) watch(events <-chan string) {
	for e := range events {
		d.add(e)
	}
}

func discover() {
	d := &discovery{services: map[string]string{}}
	events := make(chan string)
	go d.watch(events)
	go func() {
		for {
			d.remove("a")
			time.Sleep(time.Millisecond)
		}
	}()
	events <- "a"
	close(events)
}

// A write in a helper every caller reaches holding only the read lock
// (growthbook-golang #23).
type book struct {
	mu      sync.RWMutex
	tracked map[string]bool
}

func (b *book) track(k string) {
	if b.tracked[k] {
		return
	}
	b.tracked[k] = true // want "map `b.tracked` is written holding only the read lock `b.mu` by `track`, which runs in goroutines started in a loop"
}

func (b *book) eval(k string) bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	b.track(k)
	return true
}

func evalAll() {
	b := &book{tracked: map[string]bool{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); _ = b.eval("f") }()
	}
	wg.Wait()
}

// Silent: the helper is called under the write lock.
func (b *book) evalLocked(k string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.track(k)
	return true
}

// Silent: the starter reads only after the goroutine is done.
func leasesJoined() int {
	lc := &leaseCache{entries: map[string]int{}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		lc.update("a")
	}()
	wg.Wait()
	return lc.held([]string{"a"})
}

// The map's reference copied under the lock is still the shared map: ranging
// over it after the unlock races with the writer.
func (lc *leaseCache) sum() int {
	lc.mu.Lock()
	entries := lc.entries
	lc.mu.Unlock()
	n := 0
	for _, v := range entries { // want "map `lc.entries` is read without a lock while the goroutine started at line 145 writes it holding `lc.mu`"
		n += v
	}
	return n
}

func summer() int {
	lc := &leaseCache{entries: map[string]int{}}
	go func() {
		for {
			lc.update("a")
		}
	}()
	return lc.sum()
}

// Silent: the map is swapped out under the lock; what is ranged over
// afterwards is this function's own.
func (lc *leaseCache) drain() int {
	lc.mu.Lock()
	entries := lc.entries
	lc.entries = map[string]int{}
	lc.mu.Unlock()
	n := 0
	for _, v := range entries {
		n += v
	}
	return n
}

func drainer() int {
	lc := &leaseCache{entries: map[string]int{}}
	go func() {
		for {
			lc.update("a")
		}
	}()
	return lc.drain()
}

// Silent: some callers of the starter hold the lock.
func (lc *leaseCache) refresh() int {
	go lc.update("b")
	return lc.entries["b"]
}

func (lc *leaseCache) refreshLocked() int {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.refresh()
}
