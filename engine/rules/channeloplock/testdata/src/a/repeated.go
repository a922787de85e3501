package a

import "sync"

// The receiver takes the lock after its receive, but its caller runs it in
// a loop: by its next receive it may be waiting for the lock the sender
// holds while sending.
type StatusManager struct {
	mu       sync.RWMutex
	statuses map[string]string
	updates  chan string
}

func (s *StatusManager) Set(pod, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statuses[pod] = status
	s.updates <- pod // want `s.updates <- … can block while s.mu is held, and StatusManager.syncOne \(<-s.updates\) takes s.mu too`
}

func (s *StatusManager) remove(pod string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.statuses, pod)
}

func (s *StatusManager) syncOne() {
	pod := <-s.updates
	s.remove(pod)
}

func (s *StatusManager) Start() {
	go func() {
		for {
			s.syncOne()
		}
	}()
}

// OK: the receiver runs once per goroutine — a go statement in a loop starts
// a new goroutine each time, and each takes the lock only after its receive.
type Dispatcher struct {
	mu    sync.Mutex
	n     int
	tasks chan int
}

func (d *Dispatcher) Submit(v int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.tasks <- v
}

func (d *Dispatcher) handleOne() {
	v := <-d.tasks
	d.mu.Lock()
	d.n += v
	d.mu.Unlock()
}

func (d *Dispatcher) Start(workers int) {
	for i := 0; i < workers; i++ {
		go d.handleOne()
	}
}

// OK: called once, not in a loop.
type Handoff struct {
	mu    sync.Mutex
	n     int
	ready chan int
}

func (h *Handoff) Give(v int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.ready <- v
}

func (h *Handoff) takeOne() {
	v := <-h.ready
	h.mu.Lock()
	h.n = v
	h.mu.Unlock()
}

func (h *Handoff) Start() {
	go func() {
		h.takeOne()
	}()
}
