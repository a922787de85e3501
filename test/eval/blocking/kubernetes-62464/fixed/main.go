// Fixed version of kubernetes/kubernetes#62464: the outer method reads the map itself.
package main

import "sync"

type stateMemory struct {
	sync.RWMutex
	assignments   map[string]int
	defaultCPUSet int
}

func (s *stateMemory) GetCPUSet(id string) (int, bool) {
	s.RLock() // fixed
	defer s.RUnlock()
	v, ok := s.assignments[id]
	return v, ok
}

func (s *stateMemory) GetCPUSetOrDefault(id string) int {
	s.RLock()
	defer s.RUnlock()
	if v, ok := s.assignments[id]; ok { // fixed
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
	_, _ = s.GetCPUSet("a")
}
