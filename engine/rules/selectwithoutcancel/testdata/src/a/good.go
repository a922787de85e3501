package a

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func doWork() error { return errors.New("done") }

// OK: the seed's processWithCancel.
func processWithCancel(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
			if err := doWork(); err != nil {
				return err
			}
		}
	}
}

// OK: the loop ends when its input is closed.
func drain(ctx context.Context, in <-chan Event) {
	for {
		select {
		case e, ok := <-in:
			if !ok {
				return
			}
			fmt.Println(e)
		case <-time.After(time.Second):
		}
	}
}

// OK: no context or done channel in scope: nothing to check.
func forever(in <-chan Event) {
	for {
		fmt.Println(<-in)
	}
}

// OK: ctx is passed to the work, which returns when it ends.
func loopWithCtx(ctx context.Context, step func(context.Context)) {
	for {
		step(ctx)
	}
}

// OK: the only context is a parameter of a function literal made before the
// loop; it is not in scope at the loop (main has no context to check).
func tickForever(rebuild func(func(context.Context) error)) {
	rebuild(func(ctx context.Context) error {
		<-ctx.Done()
		return ctx.Err()
	})
	for range time.Tick(time.Minute) {
		fmt.Println("tick")
	}
}

// OK: a context declared in a block that ended before the loop.
func blockScoped(in <-chan Event) {
	{
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		<-ctx.Done()
	}
	for e := range in {
		fmt.Println(e)
	}
}
