// Fixed version of cockroachdb/pebble#1692: the read is atomic too.
package main

import (
	"sync"
	"sync/atomic"
)

type block struct {
	written int32 // accessed atomically
	buf     [64]byte
}

type LogWriter struct {
	block *block
	mu    sync.Mutex
}

func (w *LogWriter) emitFragment(n int32) {
	atomic.StoreInt32(&w.block.written, n)
}

func (w *LogWriter) flushPending() int32 {
	return atomic.LoadInt32(&w.block.written) // fixed
}

func main() {
	w := &LogWriter{block: &block{}}
	go func() {
		for i := int32(0); i < 100; i++ {
			w.emitFragment(i)
		}
	}()
	_ = w.flushPending()
}
