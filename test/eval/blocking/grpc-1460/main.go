// Reproduces: grpc/grpc-go#1460 https://github.com/grpc/grpc-go/pull/1460 (GoBench goker grpc/1460)
// Kind: chan-under-lock
// Expected: channel-op-under-lock
//
// The keepalive goroutine goes dormant when there are no streams and waits on
// awakenKeepalive; NewStream wakes it with a send while holding t.mu. When
// the keepalive goroutine is instead about to take t.mu (to check for
// streams), the send under t.mu never finds its receiver.
package main

import (
	"sync"
	"time"
)

type http2Client struct {
	mu              sync.Mutex
	activeStreams   map[int]bool
	kpDormant       bool
	awakenKeepalive chan struct{}
}

func (t *http2Client) keepalive() {
	for {
		time.Sleep(time.Millisecond)
		t.mu.Lock() // bug-partner
		if len(t.activeStreams) < 1 {
			t.kpDormant = true
			t.mu.Unlock()
			<-t.awakenKeepalive
			continue
		}
		t.mu.Unlock()
	}
}

func (t *http2Client) NewStream(id int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.activeStreams[id] = true
	if len(t.activeStreams) == 1 {
		t.awakenKeepalive <- struct{}{} // bug: chan-under-lock
	}
}

func main() {
	t := &http2Client{activeStreams: map[int]bool{}, awakenKeepalive: make(chan struct{})}
	go t.keepalive()
	t.NewStream(1)
}
