package a

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"
)

// Each message leaves a live five-minute timer behind (before Go 1.23).
func consume(in <-chan string) {
	for {
		select {
		case m := <-in:
			fmt.Println(m)
		case <-time.After(5 * time.Minute): // want "`time.After\\(5 \\* time.Minute\\)` in a loop's select creates a timer every iteration; before Go 1.23"
			return
		}
	}
}

// A range loop, a default case and a value received from the timer.
func poll(xs []int, ready chan int) {
	for range xs {
		select {
		case t := <-time.After(time.Second): // want "creates a timer every iteration"
			fmt.Println(t)
		default:
		}
	}
}

// The done channel is sent on, so it drives iterations: not a cancellation.
func worker(done chan struct{}, results chan<- int) {
	go func() { done <- struct{}{} }()
	for {
		select {
		case <-done:
			results <- 1
		case <-time.After(time.Minute): // want "creates a timer every iteration"
			log.Fatal("stalled")
		}
	}
}

// OK: one timer for the whole loop, reset after each message.
func consumeReset(in <-chan string) {
	idle := time.NewTimer(5 * time.Minute)
	defer idle.Stop()
	for {
		select {
		case m := <-in:
			fmt.Println(m)
			idle.Reset(5 * time.Minute)
		case <-idle.C:
			return
		}
	}
}

// OK: time.After once, not in a loop.
func fetchWithTimeout(ctx context.Context, ch <-chan []byte) ([]byte, error) {
	select {
	case d := <-ch:
		return d, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(5 * time.Second):
		return nil, errors.New("timeout")
	}
}

// OK: a periodic loop: the timer ends each iteration, the other case stops the loop.
func periodic(stop <-chan struct{}, interval time.Duration, work func()) {
	for {
		select {
		case <-time.After(interval):
			work()
		case <-stop:
			return
		}
	}
}

// OK: a retry sleep that cancellation can cut short.
func retry(ctx context.Context, attempt func() error) error {
	for {
		if err := attempt(); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// OK: a quit channel the package only closes is a cancellation; the other
// case breaks out of the labelled loop or panics.
type pump struct{ quit chan bool }

func (p *pump) stop() { close(p.quit) }

func (p *pump) run(in <-chan int, fail chan error) {
loop:
	for {
		select {
		case <-p.quit:
		case v := <-in:
			if v < 0 {
				panic(v)
			}
			break loop
		case err := <-fail:
			panic(err)
		case <-time.After(time.Second):
		}
	}
}

// OK: the loop is outside the function literal holding the select.
func each(items []int, handle func(func())) {
	for range items {
		handle(func() {
			select {
			case <-time.After(time.Second):
			default:
			}
		})
	}
}
