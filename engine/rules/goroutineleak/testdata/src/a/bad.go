package a

import (
	"context"
	"errors"
	"time"
)

func fetch(url string) ([]byte, error) { return []byte(url), nil }

// The seed's fetchWithTimeout with unbuffered channels: after the timeout
// nobody receives and the goroutine blocks forever.
func fetchLeaky(ctx context.Context, url string) ([]byte, error) {
	resultCh := make(chan []byte)

	go func() {
		data, _ := fetch(url)
		resultCh <- data // want "goroutine may block forever on `resultCh <- data`: `resultCh` is unbuffered"
	}()

	select {
	case data := <-resultCh:
		return data, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(5 * time.Second):
		return nil, errors.New("timeout")
	}
}

func validate(s string) error {
	if s == "" {
		return errors.New("empty")
	}
	return nil
}

// A result channel that only some paths read: the early return abandons it.
func computeOrFail(input string) (int, error) {
	out := make(chan int)
	go func() {
		out <- len(input) // want "goroutine may block forever on `out <- len\\(input\\)`"
	}()
	if err := validate(input); err != nil {
		return 0, err
	}
	return <-out, nil
}

// The other direction: the goroutine waits for a value that an early return never sends.
func startAndHandOff(input string) error {
	jobs := make(chan string)
	go func() {
		job := <-jobs // want "goroutine may block forever on `<-jobs`: the function that started it can return without sending on or closing `jobs`"
		_ = job
	}()
	if err := validate(input); err != nil {
		return err
	}
	jobs <- input
	return nil
}

// Waiting in a loop that gives up on the deadline: pending senders stay blocked.
func firstOf(ctx context.Context, urls []string) []byte {
	results := make(chan []byte)
	for _, u := range urls {
		go func() {
			data, _ := fetch(u)
			results <- data // want "goroutine may block forever on `results <- data`"
		}()
	}
	for range urls {
		select {
		case r := <-results:
			if len(r) > 0 {
				return r
			}
		case <-ctx.Done():
			return nil
		}
	}
	return nil
}
