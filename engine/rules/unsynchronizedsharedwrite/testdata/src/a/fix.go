package a

import (
	"net/http"
	"sync"
)

// The quick fix of a mixed race: the lock the other side holds, around the
// access (the read lock for a read of an RWMutex-guarded field).
type edgeConfig struct {
	mu       sync.RWMutex
	upstream string
}

func (c *edgeConfig) reload(next <-chan string) {
	for u := range next {
		c.mu.Lock()
		c.upstream = u
		c.mu.Unlock()
	}
}

func (c *edgeConfig) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	up := c.upstream // want "`c.upstream` is read without a lock in an HTTP handler registered with http.ListenAndServe"
	_, _ = w.Write([]byte(up))
}

func serveEdge(next <-chan string) {
	c := &edgeConfig{}
	go c.reload(next)
	_ = http.ListenAndServe(":8080", c)
}
