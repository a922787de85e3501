//go:build go1.22

// A file pinned below Go 1.23 by its build line keeps the leak.
package b

import "time"

func pinned(done <-chan struct{}) {
	t := time.NewTicker(time.Second) // want "never stopped: before Go 1.23"
	select {
	case <-t.C:
	case <-done:
	}
	_ = time.Tick(time.Minute) // want "leaks its ticker"
}
