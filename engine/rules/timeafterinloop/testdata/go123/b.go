// Package b is a Go 1.23 module: unreferenced timers are collected.
package b

import (
	"fmt"
	"time"
)

func consume(in <-chan string) {
	for {
		select {
		case m := <-in:
			fmt.Println(m)
		case <-time.After(time.Minute): // want "allocates a timer every iteration \\(collected since Go 1.23"
			return
		}
	}
}
