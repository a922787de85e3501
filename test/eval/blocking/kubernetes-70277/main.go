// Reproduces: kubernetes/kubernetes#70277 https://github.com/kubernetes/kubernetes/pull/70277 (GoBench goker kubernetes/70277)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send, select-without-cancel
//
// wait.poller's goroutine sends a tick on the unbuffered channel it returned.
// WaitFor stops receiving as soon as done is closed, so the poller blocks
// forever on its next send (it never looks at done).
package main

import "time"

type WaitFunc func(done <-chan struct{}) <-chan struct{}

func poller(interval time.Duration) WaitFunc {
	return func(done <-chan struct{}) <-chan struct{} {
		ch := make(chan struct{})
		go func() {
			tick := time.NewTicker(interval)
			defer tick.Stop()
			for { // bug-partner
				<-tick.C
				ch <- struct{}{} // bug: send-no-partner
			}
		}()
		return ch
	}
}

func WaitFor(wait WaitFunc, fn func() bool, done <-chan struct{}) bool {
	c := wait(done)
	for {
		select {
		case <-c:
			if fn() {
				return true
			}
		case <-done:
			return false // bug-partner
		}
	}
}

func main() {
	done := make(chan struct{})
	go func() { time.Sleep(5 * time.Millisecond); close(done) }()
	WaitFor(poller(time.Millisecond), func() bool { return false }, done)
}
