// Reproduces: moby/moby#33781 https://github.com/moby/moby/pull/33781 (GoBench goker moby/33781)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// Health-check probe: the probe runs in a goroutine that sends its result on
// an unbuffered channel; the monitor gives up on a timeout or on stop and
// returns, leaving the probe goroutine blocked on the send.
package main

import (
	"context"
	"time"
)

type result struct{ exitCode int }

func runProbe() result { time.Sleep(2 * time.Millisecond); return result{0} }

func monitor(stop chan struct{}, timeout time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	results := make(chan result)
	go func() {
		results <- runProbe() // bug: send-no-partner
	}()
	select {
	case <-stop:
		return // bug-partner
	case <-ctx.Done():
		return
	case r := <-results:
		_ = r
	}
}

func main() { monitor(make(chan struct{}), time.Millisecond) }
