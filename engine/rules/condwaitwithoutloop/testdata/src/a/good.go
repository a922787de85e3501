package a

import "sync"

// OK: the documented form: Wait in a loop that re-checks the condition.
func (q *Queue) TakeLoop() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v
}

// OK: a WaitGroup's Wait is not a Cond's.
func Run(fs []func()) {
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	wg.Wait()
}

// OK: a loop with the check inside it.
func (q *Queue) TakeBreak() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if len(q.items) > 0 {
			break
		}
		q.cond.Wait()
	}
	return len(q.items)
}

// OK: a wait helper whose every caller loops around it.
func (q *Queue) await() { q.cond.Wait() }

func (q *Queue) TakeHelper() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.await()
	}
	return q.items[0]
}

// OK: a loop written with goto.
func (q *Queue) TakeGoto() {
	q.mu.Lock()
	defer q.mu.Unlock()
again:
	if len(q.items) == 0 {
		q.cond.Wait()
		goto again
	}
}

// OK: a type of its own with a Wait method is not a sync.Cond.
type Barrier struct{ n int }

func (b *Barrier) Wait() {}

func UseBarrier(b *Barrier) { b.Wait() }
