package a

import (
	"context"
	"sync"
)

// OK: the engine issue's reproduction — close(start) runs on every path
// before Wait, so the goroutine's receive always completes.
func Race(n int) {
	for i := 0; i < n; i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		start := make(chan struct{})
		go func() {
			defer wg.Done()
			<-start
		}()
		close(start)
		wg.Wait()
	}
}

// OK: the starter waits on the channel alone in a single-case select.
func single() int {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v
	}
}

// The starter gives up on ctx before sending the job.
func dispatch(ctx context.Context, job string) error {
	jobs := make(chan string)
	go func() {
		j := <-jobs // want "goroutine may block forever on `<-jobs`: the function that started it can return without sending on or closing `jobs`"
		_ = j
	}()
	select {
	case jobs <- job:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// OK: the channel is stored where others may drain it.
type holder struct{ ch chan int }

func stored(h *holder) {
	ch := make(chan int)
	h.ch = ch
	go func() { ch <- 1 }()
}
