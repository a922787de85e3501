// Reproduces: cockroachdb/cockroach#1462 https://github.com/cockroachdb/cockroach/pull/1462 (GoBench goker cockroach/1462)
// Kind: wait-no-done
// Expected: goroutine-leak-blocked-send, waitgroup-misuse
//
// A worker started through the Stopper (counted by its WaitGroup) forwards
// messages on an unbuffered channel; the consumer quits when it sees stop.
// Stop waits for the workers, but the worker is stuck on its send and never
// reaches Done.
package main

import "sync"

type Stopper struct {
	stopper chan struct{}
	stop    sync.WaitGroup
}

func (s *Stopper) RunWorker(f func()) {
	s.stop.Add(1)
	go func() {
		defer s.stop.Done()
		f()
	}()
}

func (s *Stopper) Stop() {
	close(s.stopper)
	s.stop.Wait() // bug-partner
}

func main() {
	s := &Stopper{stopper: make(chan struct{})}
	msgs := make(chan int)
	s.RunWorker(func() {
		for i := 0; i < 3; i++ {
			msgs <- i // bug: wait-no-done
		}
	})
	s.RunWorker(func() {
		for {
			select {
			case <-msgs:
			case <-s.stopper:
				return
			}
		}
	})
	s.Stop()
}
