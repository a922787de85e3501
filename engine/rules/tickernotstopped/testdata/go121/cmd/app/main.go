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
}

func helper(done chan struct{}) {
	t := time.NewTicker(time.Second) // want "never stopped"
	select {
	case <-t.C:
	case <-done:
	}
}
