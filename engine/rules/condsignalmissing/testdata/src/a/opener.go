package a

import "sync"

func NewGate() *Gate {
	g := &Gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Broadcast()
}

// OK: an exported cond may be signalled by code outside this package.
type Pool struct {
	Mu    sync.Mutex
	Ready *sync.Cond
	n     int
}

func (p *Pool) Get() int {
	p.Mu.Lock()
	defer p.Mu.Unlock()
	for p.n == 0 {
		p.Ready.Wait()
	}
	p.n--
	return p.n
}

// OK: a local cond handed to a helper that signals it.
func Handoff() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	done := false
	go finish(&mu, c, &done)
	mu.Lock()
	for !done {
		c.Wait()
	}
	mu.Unlock()
}

func finish(mu *sync.Mutex, c *sync.Cond, done *bool) {
	mu.Lock()
	*done = true
	mu.Unlock()
	c.Signal()
}

// OK: a local cond signalled by the goroutine that captured it.
func Captured() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	ready := false
	go func() {
		mu.Lock()
		ready = true
		mu.Unlock()
		c.Broadcast()
	}()
	mu.Lock()
	for !ready {
		c.Wait()
	}
	mu.Unlock()
}

// OK: a field signalled through a copy of the pointer in a local.
type worker struct {
	mu   sync.Mutex
	wake *sync.Cond
	jobs []int
}

func (w *worker) push(j int) {
	w.mu.Lock()
	w.jobs = append(w.jobs, j)
	w.mu.Unlock()
	wake := w.wake
	wake.Signal()
}

func (w *worker) next() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(w.jobs) == 0 {
		w.wake.Wait()
	}
	return w.jobs[0]
}

// OK: a method value of the field's Broadcast is handed out: it may be called anywhere.
type notifier struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready bool
}

func (n *notifier) hook(register func(func())) { register(n.cond.Broadcast) }

func (n *notifier) await() {
	n.mu.Lock()
	for !n.ready {
		n.cond.Wait()
	}
	n.mu.Unlock()
}

// OK: a Cond in a local struct value, signalled through its address.
func LocalValue(signal func(*sync.Cond)) {
	var mu sync.Mutex
	var c sync.Cond
	c.L = &mu
	go signal(&c)
	mu.Lock()
	c.Wait()
	mu.Unlock()
}

// OK: an embedded Cond is an exported field: its promoted Broadcast may be
// called by other packages holding a *queue.
type queue struct {
	sync.Cond
	items []int
}

func (q *queue) take() int {
	q.L.Lock()
	defer q.L.Unlock()
	for len(q.items) == 0 {
		q.Wait()
	}
	return q.items[0]
}
