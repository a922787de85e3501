package a

import (
	"context"
	"fmt"
	"time"
)

type Event string

// The goroutine outlives ctx: nothing in the loop looks at it.
func watch(ctx context.Context, events <-chan Event) {
	go func() {
		for { // want "this loop never ends and never checks `ctx`"
			select {
			case e := <-events:
				fmt.Println(e)
			case <-time.After(time.Second):
				fmt.Println("idle")
			}
		}
	}()
}

func poll(ctx context.Context, check func() bool) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for range ticker.C { // want "never checks `ctx`"
		if check() {
			fmt.Println("ready")
		}
	}
}

func heartbeat(stop <-chan struct{}, beat func()) {
	for { // want "never checks `stop`"
		beat()
		time.Sleep(time.Second)
	}
}
