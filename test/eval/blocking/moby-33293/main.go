// Reproduces: moby/moby#33293 https://github.com/moby/moby/pull/33293 (GoBench goker moby/33293)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// The containerd client's event stream goroutine reports a receive error on an
// unbuffered error channel; the subscriber has already returned because its
// context ended, so the send blocks forever.
package main

import (
	"context"
	"errors"
)

func subscribe(ctx context.Context) (<-chan string, <-chan error) {
	evC := make(chan string)
	errC := make(chan error)
	go func() {
		err := errors.New("stream closed")
		errC <- err // bug: send-no-partner
	}()
	return evC, errC
}

func processEvents(ctx context.Context) error {
	evC, errC := subscribe(ctx)
	for {
		select {
		case <-evC:
		case err := <-errC:
			return err
		case <-ctx.Done():
			return ctx.Err() // bug-partner
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = processEvents(ctx)
}
