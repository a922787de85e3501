// Reproduces: influxdata/platform#129 https://github.com/influxdata/platform/pull/129
// Kind: write-under-rlock
// Expected: unsynchronized-shared-write, data-race
//
// query/control: a method took the controller's RLock although it modifies a
// field, so two callers holding the read lock write it at the same time.
package main

import "sync"

type Controller struct {
	queriesMu sync.RWMutex
	queries   map[int]string
	lastID    int
}

func (c *Controller) nextID() int {
	c.queriesMu.RLock()
	defer c.queriesMu.RUnlock()
	c.lastID++      // bug: write-under-rlock
	return c.lastID // bug-partner
}

func main() {
	c := &Controller{queries: map[int]string{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); _ = c.nextID() }()
	}
	wg.Wait()
}
