// Reproduces: moby/moby#21620 https://github.com/moby/moby/pull/21620
// Kind: check-then-act
// Expected: concurrent-map-write
//
// libcontainerd's lock-by-container-ID: lock() looks the ID up in a map of
// mutexes and inserts one when missing, with no lock around the map; two
// goroutines for the same container both insert, and each locks its own
// mutex ("race in access to mutexes map").
package main

import "sync"

type client struct {
	containerMutexes map[string]*sync.Mutex
}

func (c *client) lock(id string) {
	if _, ok := c.containerMutexes[id]; !ok {
		c.containerMutexes[id] = &sync.Mutex{} // bug: check-then-act
	}
	c.containerMutexes[id].Lock() // bug-partner
}

func (c *client) unlock(id string) {
	c.containerMutexes[id].Unlock()
}

func (c *client) Create(id string) {
	c.lock(id)
	defer c.unlock(id)
}

func main() {
	c := &client{containerMutexes: map[string]*sync.Mutex{}}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); c.Create("ctr") }()
	}
	wg.Wait()
}
