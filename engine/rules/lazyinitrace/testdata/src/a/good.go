package a

import (
	"sync"
	"testing"
)

var (
	db     *Database
	dbOnce sync.Once
)

// OK: the seed's sync.Once singleton.
func GetDB() *Database {
	dbOnce.Do(func() {
		db = &Database{dsn: "postgres://"}
	})
	return db
}

type Cache struct {
	mu    sync.Mutex
	items map[string]string
}

// OK: initialised under the lock.
func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil {
		c.items = map[string]string{}
	}
	c.items[k] = v
}

// OK: a local variable is nobody else's.
func build() map[string]int {
	var m map[string]int
	if m == nil {
		m = map[string]int{}
	}
	return m
}

type Config struct{ values map[string]string }

// OK: a method nobody is known to call concurrently (a plain setter).
func (c *Config) Set(k, v string) {
	if c.values == nil {
		c.values = map[string]string{}
	}
	c.values[k] = v
}

var defaults map[string]string

// OK: init runs once, before main.
func init() {
	if defaults == nil {
		defaults = map[string]string{}
	}
}

var sharedDriver *Database

// OK: a test helper (testing.TB) runs in its test's goroutine.
func GetDriver(t testing.TB) *Database {
	if sharedDriver == nil {
		sharedDriver = &Database{dsn: t.Name()}
	}
	return sharedDriver
}
