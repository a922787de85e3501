package a

import (
	"context"
	"fmt"
)

// OK: the loop watches a channel derived from ctx before it.
func derived(ctx context.Context, in <-chan Event) {
	done := ctx.Done()
	for {
		select {
		case <-done:
			return
		case e := <-in:
			fmt.Println(e)
		}
	}
}

// A closure's loop ignores the context of the function around it.
func serve(ctx context.Context, in <-chan Event) {
	go func() {
		for { // want "never checks `ctx`"
			fmt.Println(<-in)
		}
	}()
}

// OK: a labelled break leaves the loop from inside the select.
func labelled(ctx context.Context, in <-chan Event) {
loop:
	for {
		select {
		case e, ok := <-in:
			if !ok {
				break loop
			}
			fmt.Println(e)
		}
	}
}
