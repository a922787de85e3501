// Fixed version of grpc/grpc-go#1460: the wake-up only happens when the keepalive goroutine is dormant, with a buffered channel.
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
		t.mu.Lock()
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
	if t.kpDormant {
		t.kpDormant = false
		select {
		case t.awakenKeepalive <- struct{}{}: // fixed
		default:
		}
	}
}

func main() {
	t := &http2Client{activeStreams: map[int]bool{}, awakenKeepalive: make(chan struct{}, 1)}
	go t.keepalive()
	t.NewStream(1)
}
