// Reproduces: kubernetes/kubernetes#25331 https://github.com/kubernetes/kubernetes/pull/25331 (GoBench goker kubernetes/25331)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// The etcd3 watchChan's worker reports an error on the unbuffered errChan.
// The consumer has already returned because the context was cancelled, so the
// send blocks forever.
package main

import (
	"context"
	"errors"
)

type watchChan struct {
	ctx     context.Context
	cancel  context.CancelFunc
	errChan chan error
	result  chan int
}

func (wc *watchChan) startWatching() {
	if err := errors.New("compacted"); err != nil {
		wc.errChan <- err // bug: send-no-partner
		return
	}
}

func (wc *watchChan) run() {
	go wc.startWatching()
	select {
	case err := <-wc.errChan:
		_ = err
	case <-wc.ctx.Done(): // bug-partner
	}
	close(wc.result)
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	wc := &watchChan{ctx: ctx, cancel: cancel, errChan: make(chan error), result: make(chan int)}
	go wc.run()
	wc.cancel()
	<-wc.result
}
