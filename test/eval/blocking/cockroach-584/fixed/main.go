// Fixed version of cockroachdb/cockroach#584: unlock before leaving the loop.
package main

import (
	"sync"
	"time"
)

type Gossip struct {
	mu      sync.Mutex
	closed  bool
	clients int
}

func (g *Gossip) bootstrap() {
	for {
		g.mu.Lock() // fixed
		if g.closed {
			g.mu.Unlock()
			break // fixed
		}
		g.clients++
		g.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

func (g *Gossip) manage() {
	for {
		g.mu.Lock()
		g.clients--
		g.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

func main() {
	g := &Gossip{closed: true}
	g.bootstrap()
	g.manage() // fixed
}
