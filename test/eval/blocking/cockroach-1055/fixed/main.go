// Fixed version of cockroachdb/cockroach#1055: Stop releases s.mu before waiting.
package main

import "sync"

type Stopper struct {
	mu       sync.Mutex
	drain    sync.WaitGroup
	draining bool
	tasks    int
}

func (s *Stopper) StartTask() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.draining {
		return false
	}
	s.tasks++
	s.drain.Add(1)
	return true
}

func (s *Stopper) FinishTask() {
	s.mu.Lock()
	s.tasks--
	s.mu.Unlock()
	s.drain.Done()
}

func (s *Stopper) Stop() {
	s.mu.Lock()
	s.draining = true
	s.mu.Unlock()
	s.drain.Wait() // fixed
}

func main() {
	s := &Stopper{}
	if s.StartTask() {
		go s.FinishTask()
	}
	s.Stop()
}
