package store

import "sync"

type Config struct {
	mu      sync.RWMutex
	Name    string
	Retries int
	/*|*/ttl  int64
}

// Name clashes with the field: the accessor for Name must be GetName.
func (c *Config) Describe() string { return c.Name }
