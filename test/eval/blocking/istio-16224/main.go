// Reproduces: istio/istio#16224 https://github.com/istio/istio/pull/16224 (GoBench goker istio/16224)
// Kind: chan-under-lock
// Expected: channel-op-under-lock
//
// In-memory config controller: Create holds the store lock while it pushes
// the change event on the controller's unbuffered queue; the queue goroutine's
// handler reads the store (taking the same lock) before receiving again.
package main

import "sync"

type store struct {
	mu      sync.RWMutex
	configs map[string]string
}

func (s *store) Get(k string) string {
	s.mu.RLock() // bug-partner
	defer s.mu.RUnlock()
	return s.configs[k]
}

type controller struct {
	s     *store
	queue chan string
}

func (c *controller) Create(k, v string) {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	c.s.configs[k] = v
	c.queue <- k // bug: chan-under-lock
}

func (c *controller) Run(stop <-chan struct{}) {
	for {
		select {
		case k := <-c.queue:
			_ = c.s.Get(k)
		case <-stop:
			return
		}
	}
}

func main() {
	c := &controller{s: &store{configs: map[string]string{}}, queue: make(chan string)}
	stop := make(chan struct{})
	go c.Run(stop)
	c.Create("a", "1")
	c.Create("b", "2")
	close(stop)
}
