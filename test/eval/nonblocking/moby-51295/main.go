// Reproduces: moby/moby#51295 https://github.com/moby/moby/issues/51295 (libnetwork bitseq, reported on v23.0.0)
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
//
// bitseq.Handle: h.head is read and written under h.Lock in seven places;
// runConsistencyCheck reads it without the lock while allocations on other
// goroutines replace it.
package main

import "sync"

type sequence struct {
	block uint32
	count uint64
	next  *sequence
}

type Handle struct {
	sync.Mutex
	head *sequence
}

func (h *Handle) SetAny() {
	h.Lock()
	defer h.Unlock()
	h.head = &sequence{block: 1, count: 1, next: h.head} // bug-partner
}

func (h *Handle) runConsistencyCheck() bool {
	n := 0
	for s := h.head; s != nil; s = s.next { // bug: field-unlocked
		n++
	}
	return n > 0
}

func main() {
	h := &Handle{head: &sequence{}}
	go func() {
		for {
			h.SetAny()
		}
	}()
	_ = h.runConsistencyCheck()
}
