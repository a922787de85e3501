// Package cache is the seed's SafeCache: reads under RLock, writes under Lock.
package cache

import "sync"

type SafeCache struct {
	mu    sync.RWMutex
	items map[string]interface{}
}

func New() *SafeCache {
	return &SafeCache{items: make(map[string]interface{})}
}

func (c *SafeCache) Get(key string) (interface{}, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	val, ok := c.items[key]
	return val, ok
}

func (c *SafeCache) Set(key string, value interface{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = value
}
