package a

import "sync"

type member struct {
	mu sync.Mutex
	n  int
}

type group struct {
	members []*member
}

// OK: every element locked in one loop and unlocked in another (the lock
// model cannot pair the two loops; an element class is never reported).
func (g *group) bumpAll() {
	for _, m := range g.members {
		m.mu.Lock()
	}
	for _, m := range g.members {
		m.n++
	}
	for _, m := range g.members {
		m.mu.Unlock()
	}
}

// OK: the same by index.
func (g *group) bumpAllByIndex() {
	for i := range g.members {
		g.members[i].mu.Lock()
	}
	for i := range g.members {
		g.members[i].mu.Unlock()
	}
}
