// Reproduces: kubernetes/kubernetes#58107 https://github.com/kubernetes/kubernetes/pull/58107 (GoBench goker kubernetes/58107)
// Kind: cond-under-lock
// Expected: channel-op-under-lock, double-lock
//
// Resource-quota workers hold workerLock.RLock while they pull from a queue;
// the queue's Get blocks in cond.Wait when empty. The periodic Sync takes
// workerLock.Lock and waits for those readers; workers on the other queue then
// block on RLock behind the pending writer (RWR deadlock).
package main

import (
	"sync"
	"time"
)

type queue struct {
	cond  *sync.Cond
	items []string
}

func (q *queue) Get() string {
	q.cond.L.Lock()
	defer q.cond.L.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // bug: cond-under-lock
	}
	it := q.items[0]
	q.items = q.items[1:]
	return it
}

func (q *queue) Add(it string) {
	q.cond.L.Lock()
	defer q.cond.L.Unlock()
	q.items = append(q.items, it)
	q.cond.Signal()
}

type controller struct {
	workerLock sync.RWMutex
	missing    *queue
	primary    *queue
}

func (rq *controller) worker(q *queue) {
	for {
		rq.workerLock.RLock() // bug-partner
		item := q.Get()
		_ = item
		rq.workerLock.RUnlock()
	}
}

func (rq *controller) Sync() {
	for {
		rq.workerLock.Lock()
		time.Sleep(time.Millisecond)
		rq.workerLock.Unlock()
	}
}

func main() {
	rq := &controller{
		missing: &queue{cond: sync.NewCond(&sync.Mutex{})},
		primary: &queue{cond: sync.NewCond(&sync.Mutex{})},
	}
	go rq.worker(rq.missing)
	go rq.worker(rq.primary)
	go rq.Sync()
	rq.primary.Add("a")
	time.Sleep(10 * time.Millisecond)
}
