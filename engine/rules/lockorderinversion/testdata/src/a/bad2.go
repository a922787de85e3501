package a

import "sync"

// The honest counterpart of recalc: Propose2's callee takes mu while clMu is
// still held, against Apply2's mu→clMu.
type S2 struct {
	mu, clMu sync.Mutex
	seq      int
}

func (s *S2) recalc() {
	s.mu.Lock()
	s.seq++
	s.mu.Unlock()
}

func (s *S2) Propose2() {
	s.clMu.Lock()
	s.recalc() // want `S2.mu is locked while holding S2.clMu here, but S2.Apply2 locks S2.clMu while holding S2.mu`
	s.clMu.Unlock()
}

func (s *S2) Apply2() {
	s.mu.Lock()
	s.clMu.Lock() // want `S2.clMu is locked while holding S2.mu here, but S2.Propose2 locks S2.mu while holding S2.clMu`
	s.clMu.Unlock()
	s.mu.Unlock()
}
