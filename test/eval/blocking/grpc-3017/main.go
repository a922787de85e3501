// Reproduces: grpc/grpc-go#3017 https://github.com/grpc/grpc-go/pull/3017 (GoBench goker grpc/3017)
// Kind: missing-unlock
// Expected: lock-without-unlock
//
// The LB cache's removal timer callback locks c.mu and returns early, without
// unlocking, when the entry was already re-added; every later Add blocks.
package main

import (
	"sync"
	"time"
)

type entry struct {
	item  int
	timer *time.Timer
	gone  bool
}

type lbCache struct {
	mu      sync.Mutex
	timeout time.Duration
	entries map[string]*entry
}

func (c *lbCache) Remove(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return
	}
	e.timer = time.AfterFunc(c.timeout, func() {
		c.mu.Lock() // bug-partner
		if e.gone {
			return // bug: missing-unlock
		}
		delete(c.entries, key)
		e.gone = true
		c.mu.Unlock()
	})
}

func (c *lbCache) Add(key string, item int) {
	c.mu.Lock() // bug-partner
	defer c.mu.Unlock()
	c.entries[key] = &entry{item: item}
}

func main() {
	c := &lbCache{timeout: time.Millisecond, entries: map[string]*entry{}}
	c.Add("a", 1)
	c.Remove("a")
	time.Sleep(5 * time.Millisecond)
	c.Add("a", 2)
}
