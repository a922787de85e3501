package a

import (
	"fmt"
	"time"
)

// A worker loop that returns on done without stopping its ticker: before
// Go 1.23 the ticker keeps firing after every call.
func poll(done <-chan struct{}, work func()) {
	t := time.NewTicker(time.Second) // want "the ticker from `time.NewTicker\\(time.Second\\)` is never stopped: before Go 1.23"
	for {
		select {
		case <-t.C:
			work()
		case <-done:
			return
		}
	}
}

// Used a few times and dropped.
func waitN(n int, d time.Duration) {
	ticker := time.NewTicker(d) // want "never stopped: before Go 1.23"
	for i := 0; i < n; i++ {
		<-ticker.C
	}
	fmt.Println("done")
}

// Created in a loop: no fix (a defer there piles up).
func eachItem(items []string) {
	for _, it := range items {
		t := time.NewTicker(time.Millisecond) // want "never stopped"
		<-t.C
		fmt.Println(it)
	}
}

// Stopped on no path; the callee only reads it.
func drain(t *time.Ticker) { <-t.C }

func callee() {
	t := time.NewTicker(time.Second) // want "never stopped"
	drain(t)
}

// Handed to a goroutine that returns without stopping it.
func background(quit chan struct{}) {
	t := time.NewTicker(time.Second) // want "never stopped"
	go func() {
		for {
			select {
			case <-t.C:
			case <-quit:
				return
			}
		}
	}()
}

// The channel is all that leaves: the caller cannot stop the ticker.
func every(d time.Duration) <-chan time.Time {
	t := time.NewTicker(d) // want "never stopped"
	return t.C
}

// time.Tick: one ticker per call that can never be stopped.
func heartbeat(done <-chan struct{}) {
	tick := time.Tick(time.Second) // want "`time.Tick\\(time.Second\\)` leaks its ticker: before Go 1.23"
	for {
		select {
		case <-tick:
			fmt.Println("beat")
		case <-done:
			return
		}
	}
}

// A literal's ticker, not stopped before the literal returns.
var handler = func(done chan bool) {
	t := time.NewTicker(time.Second) // want "never stopped"
	<-t.C
	done <- true
}
