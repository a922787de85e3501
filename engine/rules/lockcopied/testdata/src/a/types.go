package a

import "sync"

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// Stats holds a Counter by value, so it holds a mutex too.
type Stats struct {
	hits  Counter
	label string
}

// Negative: a pointer to the lock is shared, not copied.
type Shared struct {
	mu *sync.Mutex
	n  int
}

type Plain struct {
	n    int
	name string
}
