// Reproduces: kubernetes/kubernetes#62464 https://github.com/kubernetes/kubernetes/pull/62464 (GoBench goker kubernetes/62464)
// Kind: rwmutex-reentry
// Expected: double-lock
//
// The CPU manager's in-memory state: GetCPUSetOrDefault holds the read lock
// and calls GetCPUSet, which read-locks again. A writer (SetCPUSet) queued
// between the two RLocks blocks the second one, and the writer waits for the
// first: RWR deadlock.
package main

import "sync"

type stateMemory struct {
	sync.RWMutex
	assignments   map[string]int
	defaultCPUSet int
}

func (s *stateMemory) GetCPUSet(id string) (int, bool) {
	s.RLock() // bug: rwmutex-reentry
	defer s.RUnlock()
	v, ok := s.assignments[id]
	return v, ok
}

func (s *stateMemory) GetCPUSetOrDefault(id string) int {
	s.RLock() // bug-partner
	defer s.RUnlock()
	if v, ok := s.GetCPUSet(id); ok { // bug-partner
		return v
	}
	return s.defaultCPUSet
}

func (s *stateMemory) SetCPUSet(id string, v int) {
	s.Lock()
	defer s.Unlock()
	s.assignments[id] = v
}

func main() {
	s := &stateMemory{assignments: map[string]int{}}
	go s.SetCPUSet("a", 1)
	_ = s.GetCPUSetOrDefault("a")
}
