// Package b is a Go 1.23 module: unreferenced tickers are collected.
package b

import "time"

func poll(done <-chan struct{}) {
	t := time.NewTicker(time.Second) // want "never stopped: since Go 1.23 it is collected once unreferenced"
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

// time.Tick is collected too from Go 1.23: not reported.
func beat(done <-chan struct{}) {
	tick := time.Tick(time.Second)
	select {
	case <-tick:
	case <-done:
	}
}
