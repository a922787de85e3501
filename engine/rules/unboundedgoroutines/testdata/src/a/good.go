package a

import (
	"context"
	"sync"
)

// Negative cases.

type Job int
type Result int

// OK: the seed's worker pool: a fixed number of workers.
func worker(jobs <-chan Job, results chan<- Result) {
	for job := range jobs {
		results <- Result(job * 2)
	}
}

func Pool() {
	jobs := make(chan Job, 100)
	results := make(chan Result, 100)
	for w := 1; w <= 3; w++ {
		go worker(jobs, results)
	}
	for j := 1; j <= 9; j++ {
		jobs <- Job(j)
	}
	close(jobs)
	for r := 1; r <= 9; r++ {
		<-results
	}
}

// OK: a buffered-channel semaphore bounds the goroutines.
func Bounded(orders []Order) {
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, o := range orders {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			process(o)
		}()
	}
	wg.Wait()
}

// OK: a fixed, literal list.
func Fixed() {
	for _, name := range []string{"a", "b", "c"} {
		go func() { _ = name }()
	}
}

// OK: a weighted semaphore style limiter.
type limiter interface {
	Acquire(ctx context.Context, n int64) error
	Release(n int64)
}

func Limited(ctx context.Context, l limiter, orders []Order) {
	for _, o := range orders {
		if err := l.Acquire(ctx, 1); err != nil {
			return
		}
		go func() {
			defer l.Release(1)
			process(o)
		}()
	}
}

// OK: range over an integer (Go 1.22) is a fixed pool.
func RangeInt(n int) {
	for i := range n {
		go func() { _ = i }()
	}
}
