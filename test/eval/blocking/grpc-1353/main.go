// Reproduces: grpc/grpc-go#1353 https://github.com/grpc/grpc-go/pull/1353 (GoBench goker grpc/1353)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send, select-without-cancel
//
// The round-robin balancer's watcher goroutine sends address updates on the
// unbuffered addrCh; lbWatcher, the consumer, exits when the ClientConn closes.
// The watcher keeps sending without looking at the close: it blocks forever.
package main

import "time"

type roundRobin struct {
	addrCh chan []string
}

func (rr *roundRobin) watchAddrUpdates() {
	for i := 0; ; i++ { // bug-partner
		time.Sleep(time.Millisecond)
		rr.addrCh <- []string{"a"} // bug: send-no-partner
	}
}

type ClientConn struct {
	closed chan struct{}
	rr     *roundRobin
}

func (cc *ClientConn) lbWatcher() {
	for {
		select {
		case addrs := <-cc.rr.addrCh:
			_ = addrs
		case <-cc.closed:
			return // bug-partner
		}
	}
}

func main() {
	cc := &ClientConn{closed: make(chan struct{}), rr: &roundRobin{addrCh: make(chan []string)}}
	go cc.rr.watchAddrUpdates()
	go cc.lbWatcher()
	time.Sleep(2 * time.Millisecond)
	close(cc.closed)
}
