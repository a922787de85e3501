package main

import (
	"fmt"
	"time"
)

// main lives as long as the process: its tickers are not leaks.
func main() {
	t := time.NewTicker(time.Second)
	for i := 0; i < 3; i++ {
		<-t.C
	}
	for range time.Tick(time.Second) {
		fmt.Println("tick")
		return
	}
	// A metrics goroutine main starts: one per process.
	done := make(chan struct{})
	go func() {
		t := time.Tick(5 * time.Second)
		for {
			select {
			case <-t:
				fmt.Println("metrics")
			case <-done:
				return
			}
		}
	}()
	watch(done)
	for i := 0; i < 3; i++ {
		helper(done) // once per iteration
	}
	// A handler runs once per request.
	handle(func() {
		t := time.NewTicker(time.Second) // want "never stopped"
		<-t.C
	})
	var s svc
	s.Run(done)
	close(done)
}

func handle(f func()) { f() }

func helper(done chan struct{}) {
	t := time.NewTicker(time.Second) // want "never stopped"
	select {
	case <-t.C:
	case <-done:
	}
}

// Called once, from main: one ticker per process.
func watch(done chan struct{}) {
	tick := time.Tick(time.Minute)
	select {
	case <-tick:
	case <-done:
	}
}

type svc struct{}

// An exported method may be called per connection through an interface.
func (s *svc) Run(done chan struct{}) {
	go func() {
		for range time.Tick(10 * time.Second) { // want "leaks its ticker"
			select {
			case <-done:
				return
			default:
			}
		}
	}()
}

func init() {
	go func() {
		for range time.Tick(time.Minute) {
			fmt.Println("tick")
			return
		}
	}()
}
