package a

import "sync"

// OK: Wait under the Cond's own lock, taken through its L field; the
// signaller takes the same lock.
type window struct {
	*sync.Cond
	n int
}

func (w *window) await() {
	w.L.Lock()
	for w.n == 0 {
		w.Wait()
	}
	w.L.Unlock()
}

func (w *window) add() {
	w.L.Lock()
	w.n++
	w.Broadcast()
	w.L.Unlock()
}

func RunWindow() {
	w := &window{Cond: sync.NewCond(new(sync.Mutex))}
	go w.add()
	w.await()
}
