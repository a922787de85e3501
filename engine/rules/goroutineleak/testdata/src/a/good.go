package a

import (
	"context"
	"errors"
	"sync"
	"time"
)

// OK: the seed's fetchWithTimeout: buffer 1, the send completes with nobody listening.
func fetchWithTimeout(ctx context.Context, url string) ([]byte, error) {
	resultCh := make(chan []byte, 1)
	errCh := make(chan error, 1)

	go func() {
		data, err := fetch(url)
		if err != nil {
			errCh <- err
			return
		}
		resultCh <- data
	}()

	select {
	case data := <-resultCh:
		return data, nil
	case err := <-errCh:
		return nil, err
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(5 * time.Second):
		return nil, errors.New("timeout")
	}
}

// OK: the goroutine's send is itself in a select with ctx.Done().
func fetchCancellable(ctx context.Context, url string) ([]byte, error) {
	ch := make(chan []byte)
	go func() {
		data, _ := fetch(url)
		select {
		case ch <- data:
		case <-ctx.Done():
		}
	}()
	select {
	case d := <-ch:
		return d, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// OK: every path receives.
func compute(input string) int {
	out := make(chan int)
	go func() { out <- len(input) }()
	return <-out
}

// OK: the receive happens before any return.
func computeThenCheck(input string) (int, error) {
	out := make(chan int)
	go func() { out <- len(input) }()
	n := <-out
	if err := validate(input); err != nil {
		return 0, err
	}
	return n, nil
}

// OK: done is closed on every path by the defer.
func withCleanup(input string) error {
	done := make(chan struct{})
	go func() {
		<-done
	}()
	defer close(done)
	return validate(input)
}

// OK: the seed's worker pool: buffered channels, workers select on ctx.Done().
type Job int
type Result int

type WorkerPool struct {
	workers int
	jobs    chan Job
	results chan Result
	wg      sync.WaitGroup
}

func (p *WorkerPool) Start(ctx context.Context) {
	for i := 0; i < p.workers; i++ {
		p.wg.Add(1)
		go func(workerID int) {
			defer p.wg.Done()
			for {
				select {
				case job, ok := <-p.jobs:
					if !ok {
						return
					}
					p.results <- Result(job)
				case <-ctx.Done():
					return
				}
			}
		}(i)
	}
}

// OK: the channel is handed to someone else, who may drain it.
func handOff(sink func(chan int)) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	sink(ch)
}
