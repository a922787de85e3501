package a

import (
	"context"
	"sync"
)

// OK: the partner takes the lock only after its own receive, and runs once:
// by the time it waits for the lock, the send has completed.
type Once struct {
	mu    sync.Mutex
	n     int
	ready chan int
}

func (o *Once) Give(v int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ready <- v
}

func (o *Once) takeOnce() {
	v := <-o.ready
	o.mu.Lock()
	o.n = v
	o.mu.Unlock()
}

// OK: both sides only read-lock.
type Reader struct {
	rw   sync.RWMutex
	data map[string]int
	req  chan string
}

func (r *Reader) Ask(k string) {
	r.rw.RLock()
	defer r.rw.RUnlock()
	r.req <- k
}

func (r *Reader) serve() {
	for k := range r.req {
		r.rw.RLock()
		_ = r.data[k]
		r.rw.RUnlock()
	}
}

// OK: the callee lets go of the caller's lock around the send.
type Relay struct {
	mu  sync.Mutex
	n   int
	out chan int
}

func (r *Relay) Push(v int) {
	r.mu.Lock()
	r.n++
	r.forward(v)
	r.mu.Unlock()
}

func (r *Relay) forward(v int) {
	r.mu.Unlock()
	r.out <- v
	r.mu.Lock()
}

func (r *Relay) drain() {
	for v := range r.out {
		r.mu.Lock()
		r.n -= v
		r.mu.Unlock()
	}
}

// OK: the select can also give up on ctx.
type Cancellable struct {
	mu  sync.Mutex
	n   int
	out chan int
}

func (c *Cancellable) Push(ctx context.Context, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	select {
	case c.out <- v:
	case <-ctx.Done():
	}
}

func (c *Cancellable) drain() {
	for v := range c.out {
		c.mu.Lock()
		c.n -= v
		c.mu.Unlock()
	}
}

// A single-case select blocks like a plain send.
type Single struct {
	mu  sync.Mutex
	n   int
	out chan int
}

func (s *Single) Push(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case s.out <- v: // want `s.out <- … can block while s.mu is held, and Single.drain \(<-s.out\) takes s.mu too`
	}
}

func (s *Single) drain() {
	for v := range s.out {
		s.mu.Lock()
		s.n -= v
		s.mu.Unlock()
	}
}

// A partner that is a goroutine literal, holding a read lock against a writer.
type Cache struct {
	rw    sync.RWMutex
	items map[string]int
}

func (c *Cache) Refresh(keys []string) {
	var wg sync.WaitGroup
	c.rw.Lock()
	defer c.rw.Unlock()
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.rw.RLock()
			_ = c.items[k]
			c.rw.RUnlock()
		}()
	}
	wg.Wait() // want `wg.Wait\(\) can block while c.rw is held, and the function literal in Cache.Refresh \(wg.Done\(\)\) takes c.rw too`
}

// OK: Cond.Wait holding another lock that the signaller never takes.
type Signal struct {
	mu    sync.Mutex
	other sync.Mutex
	cond  *sync.Cond
	done  bool
}

func NewSignal() *Signal {
	s := &Signal{}
	s.cond = sync.NewCond(&s.mu)
	return s
}

func (s *Signal) Await() {
	s.other.Lock()
	defer s.other.Unlock()
	s.mu.Lock()
	for !s.done {
		s.cond.Wait()
	}
	s.mu.Unlock()
}

func (s *Signal) Finish() {
	s.mu.Lock()
	s.done = true
	s.mu.Unlock()
	s.cond.Broadcast()
}

// OK: a semaphore — the function takes a token and gives it back; the send
// returns a slot the same function emptied.
type Disk struct {
	mu  sync.Mutex
	sem chan struct{}
	n   int
}

func (d *Disk) acquire() { <-d.sem }
func (d *Disk) release() { d.sem <- struct{}{} }

func (d *Disk) Write() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.acquire()
	d.n++
	d.release()
}

func (d *Disk) Read() {
	d.acquire()
	d.mu.Lock()
	_ = d.n
	d.mu.Unlock()
	d.release()
}

// OK: the monitor owes Done to the stream it was started for, and locks the
// monitor lock of another stream it looked up.
type stream struct {
	monitorMu sync.Mutex
	monitorWg sync.WaitGroup
}

func (s *stream) stop() {
	s.monitorMu.Lock()
	defer s.monitorMu.Unlock()
	s.monitorWg.Wait()
}

func (s *stream) startMonitor() {
	s.monitorMu.Lock()
	s.monitorWg.Add(1)
	s.monitorMu.Unlock()
}

func monitor(s, other *stream) {
	defer s.monitorWg.Done()
	other.startMonitor()
}

// OK: the variable the monitor owes Done through is reassigned (captured by a
// closure, so one variable): the stream it locks later may be another one.
func monitorAll(s *stream, names []string, look func(string) *stream) {
	defer s.monitorWg.Done()
	for _, n := range names {
		s = look(n)
		go func() { _ = s }()
		s.startMonitor()
	}
}

// OK: the goroutine adds for itself after taking the lock: until its Add,
// the Wait is not waiting for it.
func restart(s *stream) {
	s.monitorMu.Lock()
	s.monitorWg.Add(1)
	s.monitorMu.Unlock()
	s.monitorWg.Done()
}

// OK: each round adds, pays back with Done, and only then locks again.
func rounds(s *stream, n int) {
	for i := 0; i < n; i++ {
		s.startMonitor()
		s.monitorWg.Done()
	}
}
