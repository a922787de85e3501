// Reproduces: grpc/grpc-go#4627 https://github.com/grpc/grpc-go/pull/4627 (issue #4626)
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
//
// transport Stream: the reader goroutine sets s.recvCompress when the headers
// arrive and closes headerChan; RecvCompress returns early when the stream's
// context is cancelled and reads the field without having waited for
// headerChan, racing with the writer.
package main

import "context"

type Stream struct {
	ctx          context.Context
	headerChan   chan struct{}
	recvCompress string
}

func (s *Stream) operateHeaders(encoding string) {
	s.recvCompress = encoding // bug: field-unlocked
	close(s.headerChan)
}

func (s *Stream) waitOnHeader() {
	select {
	case <-s.ctx.Done():
	case <-s.headerChan:
	}
}

func (s *Stream) RecvCompress() string {
	s.waitOnHeader()
	return s.recvCompress // bug-partner
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Stream{ctx: ctx, headerChan: make(chan struct{})}
	go s.operateHeaders("gzip")
	cancel()
	_ = s.RecvCompress()
}
