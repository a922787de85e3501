// Reproduces: knative/serving#2137 https://github.com/knative/serving/pull/2137 (GoBench goker serving/2137)
// Kind: semaphore-leak
// Expected: (any)
//
// The activator's Breaker admits a request by sending into pendingRequests
// (a buffered channel used as a semaphore) and then waits for an active slot
// or a timeout. The timeout path returns without taking its token back out of
// pendingRequests, so after enough timeouts every Maybe blocks on the send.
package main

import "time"

type Breaker struct {
	pendingRequests chan struct{}
	activeRequests  chan struct{}
}

func (b *Breaker) Maybe(thunk func(), timeout time.Duration) bool {
	select {
	case b.pendingRequests <- struct{}{}: // bug-partner
	default:
		return false
	}
	select {
	case b.activeRequests <- struct{}{}:
	case <-time.After(timeout):
		return false // bug: semaphore-leak
	}
	defer func() {
		<-b.activeRequests
		<-b.pendingRequests
	}()
	thunk()
	return true
}

func main() {
	b := &Breaker{pendingRequests: make(chan struct{}, 2), activeRequests: make(chan struct{}, 1)}
	b.activeRequests <- struct{}{}
	for i := 0; i < 3; i++ {
		_ = b.Maybe(func() {}, time.Millisecond)
	}
}
