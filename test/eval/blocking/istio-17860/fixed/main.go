// Fixed version of istio/istio#17860: the exit report also selects on the agent's context.
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

func (a *agent) runWait(ctx context.Context, epoch int) {
	time.Sleep(time.Millisecond)
	select {
	case a.statusCh <- exitStatus{epoch: epoch}: // fixed
	case <-ctx.Done():
	}
}

func (a *agent) Run(ctx context.Context) {
	go a.runWait(ctx, 0)
	for {
		select {
		case st := <-a.statusCh:
			_ = st
		case <-ctx.Done():
			return
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a := &agent{statusCh: make(chan exitStatus)}
	a.Run(ctx)
}
