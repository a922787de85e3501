// Reproduces: grpc/grpc-go#660 https://github.com/grpc/grpc-go/pull/660 (GoBench goker grpc/660)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send, select-without-cancel
//
// The benchmark client's worker loops sending on an unbuffered channel; the
// driver receives until it sees the stop signal and returns. The worker's
// next send has no partner and blocks forever.
package main

import "time"

type benchmarkClient struct {
	stop chan bool
}

func (bc *benchmarkClient) doCloseLoopUnary() {
	ch := make(chan int)
	go func() {
		for i := 0; ; i++ { // bug-partner
			ch <- i // bug: send-no-partner
		}
	}()
	for {
		select {
		case <-ch:
		case <-bc.stop:
			return // bug-partner
		}
	}
}

func main() {
	bc := &benchmarkClient{stop: make(chan bool)}
	go func() { time.Sleep(time.Millisecond); bc.stop <- true }()
	bc.doCloseLoopUnary()
}
