package a

import (
	"fmt"
	"sync"
)

// OK: the producer closes the channel when it is done.
func squaresClosed(n int) {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i * i
		}
	}()
	for v := range ch {
		fmt.Println(v)
	}
}

// OK: the seed's worker pattern: jobs closed after sending, results closed after the workers finish.
func pool(items []int) {
	jobs := make(chan int, 100)
	results := make(chan int, 100)
	var wg sync.WaitGroup
	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range jobs {
				results <- job * 2
			}
		}()
	}
	for _, j := range items {
		jobs <- j
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()
	for r := range results {
		fmt.Println(r)
	}
}

// OK: the channel is passed to a producer that may close it.
func produce(out chan<- int) {
	defer close(out)
	out <- 1
}

func consume() {
	ch := make(chan int)
	go produce(ch)
	for v := range ch {
		fmt.Println(v)
	}
}

type sink struct{ out chan<- int }

// Stores the channel: someone else may close it later.
func (s *sink) attach(out chan<- int) {
	s.out = out
	out <- 0
}

// OK: the callee stores the channel in a field, so the closer may be elsewhere.
func consumeAttached(s *sink) {
	ch := make(chan int)
	go s.attach(ch)
	for v := range ch {
		fmt.Println(v)
	}
}
