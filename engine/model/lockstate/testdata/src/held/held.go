package held

import "sync"

// observe marks the places the test analyzer prints the locks held.
func observe() {}

type S struct {
	mu sync.Mutex
	rw sync.RWMutex
	ch chan int
}

func (s *S) direct() {
	s.mu.Lock()
	observe() // want `must=\[s.mu\] may=\[s.mu\]`
	s.mu.Unlock()
	observe() // want `must=\[\] may=\[\]`
}

func (s *S) deferred() {
	s.rw.RLock()
	defer s.rw.RUnlock()
	observe() // want `must=\[s.rw\(read\)\] may=\[s.rw\(read\)\]`
}

func (s *S) somePaths(b bool) {
	if b {
		s.mu.Lock()
	}
	observe() // want `must=\[\] may=\[s.mu\]`
	if b {
		s.mu.Unlock()
	}
}

func (s *S) flagged(b bool) {
	if b {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	observe() // want `must=\[\] may=\[s.mu\]`
}

func (s *S) lockedHelper() {
	s.mu.Lock()
}

func (s *S) throughCallee() {
	s.lockedHelper()
	observe() // want `must=\[s.mu\] may=\[s.mu\]`
	s.mu.Unlock()
}

var global sync.Mutex

func closure() {
	var local sync.Mutex
	global.Lock()
	func() {
		local.Lock()
		observe() // want `must=\[local\] may=\[local\]`
		local.Unlock()
	}()
	observe() // want `must=\[global\] may=\[global\]`
	global.Unlock()
}
