// Reproduces: cockroachdb/cockroach#584 https://github.com/cockroachdb/cockroach/pull/584 (GoBench goker cockroach/584)
// Kind: missing-unlock
// Expected: lock-without-unlock
//
// Gossip's bootstrap loop takes g.mu at the top of each iteration and breaks
// out when the gossip is closed without releasing it; manage (and everything
// else that locks g.mu) then blocks forever.
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
		g.mu.Lock() // bug-partner
		if g.closed {
			break // bug: missing-unlock
		}
		g.clients++
		g.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

func (g *Gossip) manage() {
	for {
		g.mu.Lock() // bug-partner
		g.clients--
		g.mu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

func main() {
	g := &Gossip{closed: true}
	g.bootstrap()
	g.manage() // bug-partner
}
