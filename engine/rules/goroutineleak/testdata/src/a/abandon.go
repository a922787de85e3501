package a

import (
	"context"
	"errors"
)

func write(x int) error {
	if x > 1 {
		return errors.New("client gone")
	}
	return nil
}

// moby#21233: the writer loop returns on an error while the forwarder has
// more to send.
func forward(items []int) error {
	ch := make(chan int)
	go func() {
		for _, x := range items {
			ch <- x // want `goroutine may block forever on .ch <- x.: the function that started it can stop receiving from .ch. and return \(line 27\)`
		}
		close(ch)
	}()
	for x := range ch {
		if err := write(x); err != nil {
			return err
		}
	}
	return nil
}

// OK: the consumer drains the channel before returning.
func forwardDrained(items []int) error {
	ch := make(chan int)
	go func() {
		for _, x := range items {
			ch <- x
		}
		close(ch)
	}()
	var failed error
	for x := range ch {
		if failed != nil {
			continue
		}
		failed = write(x)
	}
	return failed
}

// OK: the sender gives up when the consumer's context ends.
func forwardCancellable(ctx context.Context, items []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, x := range items {
			select {
			case ch <- x:
			case <-ctx.Done():
				return
			}
		}
	}()
	for x := range ch {
		if err := write(x); err != nil {
			return err
		}
	}
	return nil
}

// OK: the consumer reads to the end.
func forwardAll(items []int) int {
	ch := make(chan int)
	go func() {
		for _, x := range items {
			ch <- x
		}
		close(ch)
	}()
	n := 0
	for x := range ch {
		n += x
	}
	return n
}

// OK: one value, received once (the single-send case is the rule's other half).
func one() int {
	ch := make(chan int)
	go func() {
		ch <- 1
	}()
	return <-ch
}
