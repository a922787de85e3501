// Package clean holds the seed's correct patterns, and one copy that only
// the disabled lock-copied rule would report: every enabled analyzer is silent.
package clean

import "sync"

type Counter struct {
	mu    sync.Mutex
	value int
}

func (c *Counter) Increment() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.value++
}

func Peek(c Counter) int { return c.value }
