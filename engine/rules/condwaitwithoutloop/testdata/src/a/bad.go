package a

import "sync"

type Queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func NewQueue() *Queue {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *Queue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	q.mu.Unlock()
	q.cond.Broadcast()
}

// Another consumer may take the item between the Broadcast and this
// goroutine waking up: items can be empty again after Wait returns.
func (q *Queue) Take() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		q.cond.Wait() // want `q.cond.Wait\(\) is not in a for loop`
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

func (q *Queue) TakeOnce() {
	q.mu.Lock()
	q.cond.Wait() // want `q.cond.Wait\(\) is not in a for loop`
	q.mu.Unlock()
}

// The condition calls a method: re-evaluating it might do something, so no fix.
func (q *Queue) TakeIfEmpty() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.empty() {
		q.cond.Wait() // want `is not in a for loop`
	}
}

func (q *Queue) empty() bool { return len(q.items) == 0 }

// An embedded Cond is a Cond: resolved by type, not by a field name.
type Gate struct {
	*sync.Cond
	open bool
}

func (g *Gate) Pass() {
	g.L.Lock()
	if !g.open {
		g.Wait() // want `g.Wait\(\) is not in a for loop`
	}
	g.L.Unlock()
}

// A Wait in a closure started inside a loop is not re-checked by that loop.
func (q *Queue) Spawn(n int) {
	for i := 0; i < n; i++ {
		go func() {
			q.mu.Lock()
			q.cond.Wait() // want `is not in a for loop`
			q.mu.Unlock()
		}()
	}
}
