package a

import (
	"sync"
	"sync/atomic"
)

// Stats counts requests atomically in its workers and reads them plainly.
type Stats struct {
	requests int64
	errors   uint32
	last     int32
}

func (s *Stats) serve(codes <-chan int) {
	atomic.AddInt64(&s.requests, 1)
	if <-codes != 0 {
		atomic.AddUint32(&s.errors, 1)
	}
	atomic.StoreInt32(&s.last, 200)
}

func (s *Stats) Requests() int64 {
	return s.requests // want "`s.requests` is read without sync/atomic, but atomic.AddInt64 writes it \\(line 16\\): the plain read races with the atomic writes, and a 64-bit value can tear on 32-bit platforms \\(use the sync/atomic functions for every access, or declare it atomic.Int64\\)"
}

func (s *Stats) Reset() {
	s.requests = 0 // want "`s.requests` is written without sync/atomic, but it is accessed with atomic.AddInt64 \\(line 16\\): the plain write races with the atomic accesses"
	s.errors++     // want "`s.errors` is updated without sync/atomic \\(a plain read and write\\), but it is accessed with atomic.AddUint32 \\(line 18\\)"
	s.last += 2    // want "`s.last` is updated without sync/atomic"
}

func (s *Stats) Start(workers int, codes <-chan int) {
	for i := 0; i < workers; i++ {
		go s.serve(codes)
	}
}

// A package variable: a goroutine increments, main code reads.
var inflight int64

func spawn(n int) {
	for i := 0; i < n; i++ {
		go func() {
			atomic.AddInt64(&inflight, 1)
			defer atomic.AddInt64(&inflight, -1)
		}()
	}
}

func busy() bool {
	return inflight > 10 // want "`inflight` is read without sync/atomic, but atomic.AddInt64 writes it"
}

// A lock around the plain write the atomic reader does not take.
type conn struct {
	mu     sync.Mutex
	closed uint32
}

func (c *conn) isClosed() bool { return atomic.LoadUint32(&c.closed) == 1 }

func (c *conn) close() {
	c.mu.Lock()
	c.closed = 1 // want "`c.closed` is written without sync/atomic, but it is accessed with atomic.LoadUint32"
	c.mu.Unlock()
}

// A named integer type: reported, without a fix (atomic.AddInt32 takes *int32).
type state int32

type machine struct {
	mu sync.Mutex
	st state
}

func (m *machine) set(v state) { atomic.StoreInt32((*int32)(&m.st), int32(v)) }

func (m *machine) get() state {
	return m.st // want "`m.st` is read without sync/atomic, but atomic.StoreInt32 writes it .* \\(use the sync/atomic functions for every access, or an atomic type\\)"
}

// Every worker reads plainly and stores atomically: updates are lost and the
// read races with the other workers' stores.
type progress struct{ done int64 }

func (p *progress) work(n int) {
	for i := 0; i < n; i++ {
		go func() {
			atomic.StoreInt64(&p.done, p.done+1) // want "`p.done` is read without sync/atomic, but atomic.StoreInt64 writes it"
		}()
	}
}
