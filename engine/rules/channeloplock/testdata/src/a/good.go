package a

import (
	"sync"
	"time"
)

// Negative cases.

// OK: the seed's worker pool: sends happen without any lock.
func Pool(jobs <-chan int, results chan<- int, workers int) {
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	wg.Wait()
	close(results)
}

// OK: sending under a lock that the receiver never takes.
type Feed struct {
	mu    sync.Mutex
	count int
	out   chan int
}

func (f *Feed) Push(v int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.count++
	f.out <- v
}

func (f *Feed) Drain() int {
	n := 0
	for v := range f.out {
		n += v
	}
	return n
}

// OK: a select with default never blocks.
type Bus struct {
	mu   sync.Mutex
	subs []string
	ping chan struct{}
}

func (b *Bus) Add(s string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.subs = append(b.subs, s)
	select {
	case b.ping <- struct{}{}:
	default:
	}
}

func (b *Bus) loop() {
	for range b.ping {
		b.mu.Lock()
		_ = len(b.subs)
		b.mu.Unlock()
	}
}

// OK: the lock is released before the send.
type Queue struct {
	mu    sync.Mutex
	items []int
	ready chan int
}

func (q *Queue) Put(v int) {
	q.mu.Lock()
	q.items = append(q.items, v)
	n := len(q.items)
	q.mu.Unlock()
	q.ready <- n
}

func (q *Queue) serve() {
	for range q.ready {
		q.mu.Lock()
		q.items = q.items[1:]
		q.mu.Unlock()
	}
}

// OK: Wait while holding a lock the counted goroutines do not take.
func Gather(n int) []int {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		out = make([]int, n)
	)
	mu.Lock()
	defer mu.Unlock()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = i * i
			time.Sleep(time.Microsecond)
		}()
	}
	wg.Wait()
	return out
}

func start(f *Feed, b *Bus, q *Queue, n *Notifier) {
	go n.watch()
	go f.Drain()
	go b.loop()
	go q.serve()
}

// OK: drain-then-send on a one-slot channel (grpc's pattern): the send cannot
// block because this function just emptied the slot under the lock.
type Notifier struct {
	mu      sync.Mutex
	version int
	updates chan int
}

func (n *Notifier) Set(v int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.version = v
	select {
	case <-n.updates:
	default:
	}
	n.updates <- v
}

func (n *Notifier) watch() {
	for v := range n.updates {
		n.mu.Lock()
		_ = v + n.version
		n.mu.Unlock()
	}
}
