// Reproduces: service pattern: a bounded response cache whose eviction helper is documented "must hold c.mu"; every caller takes the lock before calling it
// Kind: correct
// Expected: (silent)
package main

import (
	"container/list"
	"io"
	"log"
	"net/http"
	"sync"
)

type entry struct {
	key  string
	body []byte
}

type Cache struct {
	mu    sync.Mutex
	max   int
	order *list.List
	items map[string]*list.Element
}

// evictLocked drops the least recently used entries. c.mu must be held.
func (c *Cache) evictLocked() {
	for c.order.Len() > c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.items, oldest.Value.(*entry).key)
	}
}

func (c *Cache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry).body, true
}

func (c *Cache) Put(key string, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		el.Value.(*entry).body = body
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&entry{key: key, body: body})
	c.evictLocked()
}

func (c *Cache) Resize(max int) {
	c.mu.Lock()
	c.max = max
	c.evictLocked()
	c.mu.Unlock()
}

func fetchOrigin(path string) ([]byte, error) {
	resp, err := http.Get("http://origin.internal" + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func main() {
	c := &Cache{max: 1024, order: list.New(), items: make(map[string]*list.Element)}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if body, ok := c.Get(r.URL.Path); ok {
			_, _ = w.Write(body)
			return
		}
		body, err := fetchOrigin(r.URL.Path)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		c.Put(r.URL.Path, body)
		_, _ = w.Write(body)
	})
	http.HandleFunc("/admin/resize", func(w http.ResponseWriter, r *http.Request) {
		c.Resize(64)
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8099", nil))
}
