package pool_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goconc/goconc/runtime/pool"
)

// Fan a slice out to four workers and read the results back in input order.
func Example_ordered() {
	p := pool.New(func(_ context.Context, s string) (string, error) {
		return strings.ToUpper(s), nil
	}, pool.WithWorkers(4), pool.WithOrderedResults(-1))
	defer p.Stop()

	go func() {
		defer p.Close() // ends the Results loop once every task is done
		for _, s := range []string{"a", "b", "c", "d", "e"} {
			if err := p.Submit(context.Background(), s); err != nil {
				return
			}
		}
	}()
	for r := range p.Results() {
		fmt.Println(r.Seq, r.Value, r.Err)
	}
	// Output:
	// 0 A <nil>
	// 1 B <nil>
	// 2 C <nil>
	// 3 D <nil>
	// 4 E <nil>
}

// Shed load instead of queueing without limit: TrySubmit never blocks.
func ExamplePool_TrySubmit() {
	release := make(chan struct{})
	p := pool.New(func(ctx context.Context, n int) (int, error) {
		<-release
		return n, nil
	}, pool.WithWorkers(1), pool.WithQueueSize(1))

	var accepted, shed int
	for i := range 5 {
		switch err := p.TrySubmit(i); {
		case err == nil:
			accepted++
		case errors.Is(err, pool.ErrOverloaded):
			shed++ // e.g. answer HTTP 503
		}
		time.Sleep(10 * time.Millisecond) // let the worker pick up the first task
	}
	close(release)
	_ = p.Wait()
	fmt.Println("accepted", accepted, "shed", shed)
	// Output: accepted 2 shed 3
}

// Shutdown drains the queue like http.Server.Shutdown and, when its context
// expires, cancels the tasks that are still running.
func ExamplePool_Shutdown() {
	p := pool.New(func(ctx context.Context, d time.Duration) (struct{}, error) {
		select {
		case <-time.After(d):
			return struct{}{}, nil
		case <-ctx.Done():
			return struct{}{}, ctx.Err()
		}
	}, pool.WithWorkers(2))

	_ = p.Submit(context.Background(), time.Millisecond)
	_ = p.Submit(context.Background(), time.Hour)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	fmt.Println(p.Shutdown(ctx))
	fmt.Println(p.Wait())
	fmt.Println(p.Submit(context.Background(), 0))
	// Output:
	// context deadline exceeded
	// context canceled
	// pool: closed
}

// A panicking task becomes an error carrying its stack.
func ExamplePanicError() {
	p := pool.New(func(_ context.Context, m map[string]int) (int, error) {
		return m["x"] / m["y"], nil // integer divide by zero
	}, pool.WithWorkers(1))
	_ = p.Submit(context.Background(), map[string]int{"x": 1})
	var perr *pool.PanicError
	fmt.Println(errors.As(p.Wait(), &perr), perr.Value)
	// Output: true runtime error: integer divide by zero
}
