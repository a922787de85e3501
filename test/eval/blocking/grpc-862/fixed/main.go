// Fixed version of grpc/grpc-go#862: waitC has a buffer of one.
package main

import (
	"context"
	"time"
)

type ClientConn struct{ target string }

func (cc *ClientConn) resetTransport() error { time.Sleep(time.Millisecond); return nil }

func DialContext(ctx context.Context, target string) (*ClientConn, error) {
	cc := &ClientConn{target: target}
	waitC := make(chan error, 1)
	go func() {
		err := cc.resetTransport()
		waitC <- err // fixed
	}()
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
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
