// Reproduces: cockroachdb/cockroach#35931 https://github.com/cockroachdb/cockroach/pull/35931 (GoBench goker cockroach/35931)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// The flow registry hands an inbound stream to a waiting flow through an
// unbuffered channel; when the flow setup fails the receiver returns the
// error and the connecting goroutine blocks forever on its send.
package main

import "errors"

type inboundStream struct{ id int }

type flowRegistry struct {
	streams chan inboundStream
}

func (fr *flowRegistry) ConnectInboundStream(id int) {
	fr.streams <- inboundStream{id: id} // bug: send-no-partner
}

func (fr *flowRegistry) setupFlow(fail bool) error {
	go fr.ConnectInboundStream(1)
	if fail {
		return errors.New("setup failed") // bug-partner
	}
	<-fr.streams
	return nil
}

func main() {
	fr := &flowRegistry{streams: make(chan inboundStream)}
	_ = fr.setupFlow(true)
}
