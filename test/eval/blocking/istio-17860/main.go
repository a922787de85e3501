// Reproduces: istio/istio#17860 https://github.com/istio/istio/pull/17860 (GoBench goker istio/17860)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// pilot-agent: each proxy epoch runs in a goroutine that reports its exit on
// the agent's unbuffered statusCh; the agent's Run loop returns when its
// context is cancelled, and the exiting proxy blocks forever on the send.
package main

import (
	"context"
	"time"
)

type exitStatus struct {
	epoch int
	err   error
}

type agent struct {
	statusCh chan exitStatus
}

func (a *agent) runWait(epoch int) {
	time.Sleep(time.Millisecond)
	a.statusCh <- exitStatus{epoch: epoch} // bug: send-no-partner
}

func (a *agent) Run(ctx context.Context) {
	go a.runWait(0)
	for {
		select {
		case st := <-a.statusCh:
			_ = st
		case <-ctx.Done():
			return // bug-partner
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := &agent{statusCh: make(chan exitStatus)}
	a.Run(ctx)
}
