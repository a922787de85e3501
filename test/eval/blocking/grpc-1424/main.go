// Reproduces: grpc/grpc-go#1424 https://github.com/grpc/grpc-go/pull/1424 (GoBench goker grpc/1424)
// Kind: range-unclosed
// Expected: range-over-unclosed-channel
//
// lbWatcher ranges over the balancer's Notify channel; the balancer's Close
// stops producing but never closes the channel, so the ranging goroutine
// (and the ClientConn close that waits for it) never finishes.
package main

import "sync"

type balancer struct {
	mu     sync.Mutex
	addrCh chan []string
	done   bool
}

func (b *balancer) Notify() <-chan []string { return b.addrCh }

func (b *balancer) Close() {
	b.mu.Lock()
	b.done = true // bug-partner
	b.mu.Unlock()
}

type ClientConn struct {
	b  *balancer
	wg sync.WaitGroup
}

func (cc *ClientConn) lbWatcher() {
	defer cc.wg.Done()
	for addrs := range cc.b.Notify() { // bug: range-unclosed
		_ = addrs
	}
}

func main() {
	cc := &ClientConn{b: &balancer{addrCh: make(chan []string)}}
	cc.wg.Add(1)
	go cc.lbWatcher()
	cc.b.addrCh <- []string{"a"}
	cc.b.Close()
	cc.wg.Wait()
}
