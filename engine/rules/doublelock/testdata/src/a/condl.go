package a

import "sync"

// A Cond's own lock, taken through its L field (x/crypto/ssh's window).
type window struct {
	*sync.Cond
	n int
}

func (w *window) twice() {
	w.L.Lock()
	w.L.Lock() // want `w.Cond.L is locked again while already held`
	w.n++
	w.L.Unlock()
}

// OK: Wait releases L and takes it back.
func (w *window) await() {
	w.L.Lock()
	for w.n == 0 {
		w.Wait()
	}
	w.L.Unlock()
}
