// Reproduces: cockroachdb/pebble#1692 https://github.com/cockroachdb/pebble/issues/1692 (seen in cockroachdb/cockroach#81511)
// Kind: atomic-mixed
// Expected: atomic-mixed-access, data-race
//
// record.LogWriter: block.written is declared atomic and updated with
// atomic.StoreInt32 by the writer, yet the flush loop reads it with a plain
// load.
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
	atomic.StoreInt32(&w.block.written, n) // bug-partner
}

func (w *LogWriter) flushPending() int32 {
	return w.block.written // bug: atomic-mixed
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
