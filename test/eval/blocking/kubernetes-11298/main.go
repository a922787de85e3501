// Reproduces: kubernetes/kubernetes#11298 https://github.com/kubernetes/kubernetes/pull/11298 (GoBench goker kubernetes/11298)
// Kind: cond-no-signal
// Expected: cond-signal-missing, select-without-cancel
//
// The node's After helper waits on a cond for a state change; stopping the
// node closes stopCh but nothing broadcasts the cond, so the waiter (which
// only re-checks its condition on a wake-up) sleeps forever.
package main

import "sync"

type node struct {
	lock    sync.Mutex
	cond    *sync.Cond
	changed bool
	stopCh  chan struct{}
}

func (n *node) setChanged() {
	n.lock.Lock()
	n.changed = true
	n.cond.Broadcast()
	n.lock.Unlock()
}

func (n *node) waitForChange() {
	n.lock.Lock()
	defer n.lock.Unlock()
	for !n.changed {
		n.cond.Wait() // bug: cond-no-signal
	}
}

func (n *node) Stop() {
	close(n.stopCh) // bug-partner
}

func main() {
	n := &node{stopCh: make(chan struct{})}
	n.cond = sync.NewCond(&n.lock)
	go func() {
		select {
		case <-n.stopCh:
			return
		default:
			n.setChanged()
		}
	}()
	n.Stop()
	n.waitForChange()
}
