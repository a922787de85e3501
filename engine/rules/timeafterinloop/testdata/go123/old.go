//go:build go1.22

// A file pinned below Go 1.23 by its build line keeps the leak.
package b

import "time"

func pinned(in <-chan int) {
	for {
		select {
		case <-in:
		case <-time.After(time.Minute): // want "before Go 1.23"
			return
		}
	}
}
