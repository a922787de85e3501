// Reproduces: cockroachdb/cockroach#1055 https://github.com/cockroachdb/cockroach/pull/1055 (GoBench goker cockroach/1055)
// Kind: wait-under-lock
// Expected: channel-op-under-lock
//
// Stopper.Stop waits on the tasks' WaitGroup while holding s.mu; a task that
// finishes must take s.mu (in FinishTask) before calling Done. Stop waits for
// Done, the task waits for s.mu.
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
	s.mu.Lock() // bug-partner
	s.tasks--
	s.mu.Unlock()
	s.drain.Done()
}

func (s *Stopper) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.draining = true
	s.drain.Wait() // bug: wait-under-lock
}

func main() {
	s := &Stopper{}
	if s.StartTask() {
		go s.FinishTask()
	}
	s.Stop()
}
