// Fixed version of moby/moby#33781: the result channel has a buffer of one.
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
	results := make(chan result, 1)
	go func() {
		results <- runProbe() // fixed
	}()
	select {
	case <-stop:
		return
	case <-ctx.Done():
		return
	case r := <-results:
		_ = r
	}
}

func main() { monitor(make(chan struct{}), time.Millisecond) }
