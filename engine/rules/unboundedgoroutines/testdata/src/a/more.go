package a

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// errgroup without SetLimit: one goroutine per element, like a go statement.
func GroupAll(ctx context.Context, orders []Order) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, o := range orders {
		g.Go(func() error { charge(ctx, o); return nil }) // want "one goroutine per element of `orders`"
	}
	return g.Wait()
}

// A batch received from a channel: its size is the sender's.
func Batches(in chan []Order) {
	for {
		batch := <-in
		for _, o := range batch {
			go process(o) // want "one goroutine per element of `batch`"
		}
	}
}

func Stream(in <-chan []Order) {
	for batch := range in {
		for _, o := range batch {
			go process(o) // want "one goroutine per element of `batch`"
		}
	}
}

// A map parameter, and a parameter of the function around a closure.
func Notify(subs map[string]func()) {
	for _, f := range subs {
		go f() // want "one goroutine per element of `subs`"
	}
}

func Outer(ids []int) func() {
	return func() {
		for _, id := range ids {
			go func() { _ = id }() // want "one goroutine per element of `ids`"
		}
	}
}

// Negative cases.

// OK: errgroup with SetLimit.
func GroupLimited(ctx context.Context, orders []Order) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(8)
	for _, o := range orders {
		g.Go(func() error { charge(ctx, o); return nil })
	}
	return g.Wait()
}

// OK: a weighted semaphore from x/sync.
func Weighted(ctx context.Context, orders []Order) {
	sem := semaphore.NewWeighted(4)
	for _, o := range orders {
		if sem.Acquire(ctx, 1) != nil {
			return
		}
		go func() { defer sem.Release(1); process(o) }()
	}
}

// OK: batches bounded by a WaitGroup Wait in the loop.
func Chunks(chunks [][]Order) {
	for _, chunk := range chunks {
		var wg sync.WaitGroup
		for i := 0; i < len(chunk); i++ {
			wg.Add(1)
			go func() { defer wg.Done(); process(chunk[i]) }()
		}
		wg.Wait()
	}
}

func PerChunk(orders []Order) {
	var wg sync.WaitGroup
	for _, o := range orders {
		wg.Add(1)
		go func() { defer wg.Done(); process(o) }()
		wg.Wait()
	}
}

// OK: a token bucket receive before the start.
func Tokens(tokens chan struct{}, orders []Order) {
	for _, o := range orders {
		<-tokens
		go func() { defer func() { tokens <- struct{}{} }(); process(o) }()
	}
}

// OK: an array is a fixed size.
func Shards(shards [16]map[string]int) {
	for _, s := range shards {
		go func() { _ = len(s) }()
	}
}

// OK: a local slice the function built itself, and a field.
type server struct{ listeners []string }

func (s *server) Serve(n int) {
	addrs := make([]string, n)
	for _, a := range addrs {
		go func() { _ = a }()
	}
	for _, l := range s.listeners {
		go func() { _ = l }()
	}
}

// OK: a received value reassigned from something else is not only received.
func Mixed(in chan []Order, def []Order) {
	batch := <-in
	if batch == nil {
		batch = nil
	}
	for _, o := range batch {
		go process(o)
	}
}

// OK: the go statement's loop is a counted loop inside the range.
func Retries(orders []Order) {
	for _, o := range orders {
		for i := 0; i < 3; i++ {
			go process(o)
		}
	}
}

// OK: an iterator function.
func Each(seq func(func(Order) bool)) {
	for o := range seq {
		go process(o)
	}
}
