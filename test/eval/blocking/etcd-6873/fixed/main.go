// Fixed version of etcd-io/etcd#6873: stop waits for donec after releasing wbs.mu.
package main

import "sync"

type watchBroadcasts struct {
	mu      sync.Mutex
	updatec chan int
	stopc   chan struct{}
	donec   chan struct{}
	n       int
}

func newWatchBroadcasts() *watchBroadcasts {
	wbs := &watchBroadcasts{updatec: make(chan int, 1), stopc: make(chan struct{}), donec: make(chan struct{})}
	go func() {
		defer close(wbs.donec)
		for {
			select {
			case v := <-wbs.updatec:
				wbs.coalesce(v)
			case <-wbs.stopc:
				return
			}
		}
	}()
	return wbs
}

func (wbs *watchBroadcasts) coalesce(v int) {
	wbs.mu.Lock()
	wbs.n += v
	wbs.mu.Unlock()
}

func (wbs *watchBroadcasts) stop() {
	wbs.mu.Lock()
	close(wbs.stopc)
	wbs.mu.Unlock()
	<-wbs.donec // fixed
}

func main() {
	wbs := newWatchBroadcasts()
	wbs.updatec <- 1
	wbs.stop()
}
