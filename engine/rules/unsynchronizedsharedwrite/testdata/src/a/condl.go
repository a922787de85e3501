package a

import "sync"

// OK: every access holds the Cond's lock, taken through its L field.
type counterWindow struct {
	*sync.Cond
	n int
}

func (w *counterWindow) inc() {
	w.L.Lock()
	w.n++
	w.L.Unlock()
}

func (w *counterWindow) get() int {
	w.Cond.L.Lock()
	defer w.Cond.L.Unlock()
	return w.n
}

func RunCounterWindow() int {
	w := &counterWindow{Cond: sync.NewCond(new(sync.Mutex))}
	go w.inc()
	go w.inc()
	return w.get()
}
