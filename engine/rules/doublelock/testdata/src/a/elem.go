package a

import "sync"

// Locks reached through an element of a slice or map.

type item struct {
	mu sync.Mutex
	n  int
}

type table struct {
	items []*item
	byKey map[string]*item
	arr   [4]item
}

func (t *table) firstTwice() {
	t.items[0].mu.Lock()
	t.items[0].mu.Lock() // want `t.items\[0\].mu is locked again while already held`
	t.items[0].mu.Unlock()
	t.items[0].mu.Unlock()
}

func (t *table) keyTwice() {
	t.byKey["a"].mu.Lock()
	defer t.byKey["a"].mu.Unlock()
	t.byKey["a"].mu.Lock() // want `t.byKey\["a"\].mu is locked again while already held`
}

func (t *table) sameIndexTwice(i int) {
	t.arr[i].mu.Lock()
	defer t.arr[i].mu.Unlock()
	t.arr[i].mu.Lock() // want `t.arr\[…\].mu is locked again while already held`
}

// OK: two different constant indices are two locks.
func (t *table) twoConstants() {
	t.items[0].mu.Lock()
	t.items[1].mu.Lock()
	t.items[1].mu.Unlock()
	t.items[0].mu.Unlock()
}

// OK: every element in turn, all held at once: different elements.
func (t *table) lockAll() {
	for _, it := range t.items {
		it.mu.Lock()
	}
	for _, it := range t.items {
		it.n++
	}
	for _, it := range t.items {
		it.mu.Unlock()
	}
}

// OK: two indices that may differ.
func (t *table) pair(i, j int) {
	t.items[i].mu.Lock()
	defer t.items[i].mu.Unlock()
	if i != j {
		t.items[j].mu.Lock()
		t.items[j].mu.Unlock()
	}
}

// OK: an index computed in the loop is a new element every iteration.
func (t *table) eachByIndex() {
	for i := 0; i < len(t.items); i++ {
		t.items[i].mu.Lock()
	}
	for i := range t.items {
		t.items[i].mu.Unlock()
	}
}

// OK: a callee locking the element its argument names, called for two.
func (t *table) lockAt(i int) { t.items[i].mu.Lock() }

func (t *table) lockTwoViaCallee() {
	t.lockAt(1)
	t.lockAt(2)
	t.items[2].mu.Unlock()
	t.items[1].mu.Unlock()
}

// OK: the map's elements, each once.
func (t *table) lockMap() {
	for _, it := range t.byKey {
		it.mu.Lock()
		it.n++
	}
	for _, it := range t.byKey {
		it.mu.Unlock()
	}
}

func (it *item) bump() {
	it.mu.Lock()
	it.n++
	it.mu.Unlock()
}

// The same range element locked twice in one iteration: one lock.
func (t *table) bumpHeld() {
	for _, it := range t.items {
		it.mu.Lock()
		it.bump() // want `bump\(\) locks t.items\[…\].mu again while it is held`
		it.mu.Unlock()
	}
}

func (t *table) lookupTwice(k string) {
	it, ok := t.byKey[k]
	if !ok {
		return
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	it.mu.Lock() // want `t.byKey\[…\].mu is locked again while already held`
}

// OK: the element of the last iteration is still held when the next one is
// taken: another element.
func (t *table) handOverHand() {
	var prev *item
	for _, it := range t.items {
		it.mu.Lock()
		if prev != nil {
			prev.mu.Unlock()
		}
		prev = it
	}
	if prev != nil {
		prev.mu.Unlock()
	}
}
