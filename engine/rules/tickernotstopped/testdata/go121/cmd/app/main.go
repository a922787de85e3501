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
	close(done)
}

func helper(done chan struct{}) {
	t := time.NewTicker(time.Second) // want "never stopped"
	select {
	case <-t.C:
	case <-done:
	}
}

func init() {
	go func() {
		for range time.Tick(time.Minute) {
			fmt.Println("tick")
			return
		}
	}()
}

// A command's loop: runs once per process (time.Tick is not reported in package main).
func watch(done chan struct{}) {
	tick := time.Tick(time.Minute)
	select {
	case <-tick:
	case <-done:
	}
}
