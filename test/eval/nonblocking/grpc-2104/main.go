// Reproduces: grpc/grpc-go#2104 https://github.com/grpc/grpc-go/issues/2104
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
//
// http2Server: WriteHeader (called from the handler goroutine) marks the
// stream's header as sent, while WriteStatus (called from another goroutine
// after the handler returns or on cancellation) reads the flag without the
// stream's lock.
package main

import "sync"

type Stream struct {
	mu         sync.Mutex
	headerSent bool
	status     string
}

type http2Server struct{}

func (t *http2Server) WriteHeader(s *Stream) {
	s.mu.Lock()
	s.headerSent = true // bug-partner
	s.mu.Unlock()
}

func (t *http2Server) WriteStatus(s *Stream, st string) {
	if !s.headerSent { // bug: field-unlocked
		t.WriteHeader(s)
	}
	s.status = st
}

func main() {
	t := &http2Server{}
	s := &Stream{}
	done := make(chan struct{})
	go func() {
		t.WriteHeader(s)
		close(done)
	}()
	t.WriteStatus(s, "ok")
	<-done
}
