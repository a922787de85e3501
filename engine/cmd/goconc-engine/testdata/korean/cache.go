package korean

import "sync"

// Cache re-locks its mutex in a helper and forgets it on an early return.
type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

func (c *Cache) size() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

// Put calls size with c.mu held, and size locks it again.
func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size() < 100 {
		c.items[k] = v
	}
}

// Get keeps c.mu locked when the key is missing.
func (c *Cache) Get(k string) string {
	c.mu.Lock()
	v, ok := c.items[k]
	if !ok {
		return ""
	}
	c.mu.Unlock()
	return v
}
