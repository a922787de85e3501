// Reproduces: grpc/grpc-go#862 https://github.com/grpc/grpc-go/pull/862 (GoBench goker grpc/862)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// DialContext starts the connection in a goroutine that reports its error on
// an unbuffered channel, and returns as soon as ctx is done: the goroutine
// blocks forever on its send.
package main

import (
	"context"
	"time"
)

type ClientConn struct{ target string }

func (cc *ClientConn) resetTransport() error { time.Sleep(time.Millisecond); return nil }

func DialContext(ctx context.Context, target string) (*ClientConn, error) {
	cc := &ClientConn{target: target}
	waitC := make(chan error)
	go func() {
		err := cc.resetTransport()
		waitC <- err // bug: send-no-partner
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err() // bug-partner
	case err := <-waitC:
		if err != nil {
			return nil, err
		}
	}
	return cc, nil
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _ = DialContext(ctx, "x")
}
