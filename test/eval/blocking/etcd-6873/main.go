// Reproduces: etcd-io/etcd#6873 https://github.com/etcd-io/etcd/pull/6873 (GoBench goker etcd/6873)
// Kind: chan-under-lock
// Expected: channel-op-under-lock
//
// watchBroadcasts.stop closes stopc and waits for donec while holding wbs.mu;
// the update goroutine must take wbs.mu to finish its current coalesce before
// it can see stopc and close donec.
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
	wbs.mu.Lock() // bug-partner
	wbs.n += v
	wbs.mu.Unlock()
}

func (wbs *watchBroadcasts) stop() {
	wbs.mu.Lock()
	defer wbs.mu.Unlock()
	close(wbs.stopc)
	<-wbs.donec // bug: chan-under-lock
}

func main() {
	wbs := newWatchBroadcasts()
	wbs.updatec <- 1
	wbs.stop()
}
