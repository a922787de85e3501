// Fixed version of kubernetes/kubernetes#25331: the error send also selects on ctx.Done().
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
		select {
		case wc.errChan <- err: // fixed
		case <-wc.ctx.Done():
		}
		return
	}
}

func (wc *watchChan) run() {
	go wc.startWatching()
	select {
	case err := <-wc.errChan:
		_ = err
	case <-wc.ctx.Done():
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
