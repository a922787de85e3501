// Reproduces: netlify/netlify-commons#260 https://github.com/netlify/netlify-commons/pull/260
// Kind: atomic-mixed
// Expected: atomic-mixed-access, data-race
//
// metriks.PersistentGauge: Set swaps the value with atomic.SwapInt32, while
// the reporting goroutine started by the constructor reads it with a plain
// load on every tick.
package main

import (
	"sync/atomic"
	"time"
)

type PersistentGauge struct {
	value int32
	dur   time.Duration
	stop  chan struct{}
}

func (g *PersistentGauge) Set(n int32) int32 {
	return atomic.SwapInt32(&g.value, n) // bug-partner
}

func (g *PersistentGauge) report(v int32) {}

func (g *PersistentGauge) start() {
	t := time.NewTicker(g.dur)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			g.report(g.value) // bug: atomic-mixed
		case <-g.stop:
			return
		}
	}
}

func NewPersistentGauge(d time.Duration) *PersistentGauge {
	g := &PersistentGauge{dur: d, stop: make(chan struct{})}
	go g.start()
	return g
}

func main() {
	g := NewPersistentGauge(time.Millisecond)
	g.Set(3)
	close(g.stop)
}
