package a

import (
	"errors"
	"sync"
)

// The plugin activation of moby#29733: the one goroutine that can wake the
// waiters returns early on failure, before its Broadcast.
type plugin struct {
	mu        sync.Mutex
	cond      *sync.Cond
	activated bool
	err       error
}

func handshake() error { return errors.New("handshake failed") }

func (p *plugin) activate() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := handshake(); err != nil {
		p.err = err
		return
	}
	p.activated = true
	p.cond.Broadcast()
}

func (p *plugin) waitActive() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.activated {
		p.cond.Wait() // want `p.cond.Wait\(\) can only be woken by activate, which runs once as a goroutine and can return without signalling \(line 24\)`
	}
	return p.err
}

func Enable() error {
	p := &plugin{}
	p.cond = sync.NewCond(&p.mu)
	go p.activate()
	return p.waitActive()
}

// OK: the Broadcast is deferred, so every return wakes the waiters.
type plugin2 struct {
	mu        sync.Mutex
	cond      *sync.Cond
	activated bool
	err       error
}

func (p *plugin2) activate() {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.cond.Broadcast()
	if err := handshake(); err != nil {
		p.err = err
		return
	}
	p.activated = true
}

func (p *plugin2) waitActive() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.activated && p.err == nil {
		p.cond.Wait()
	}
	return p.err
}

func Enable2() error {
	p := &plugin2{}
	p.cond = sync.NewCond(&p.mu)
	go p.activate()
	return p.waitActive()
}

// OK: Close broadcasts too, so the failing activation is not the only way
// to wake the waiters.
type plugin3 struct {
	mu        sync.Mutex
	cond      *sync.Cond
	activated bool
	closed    bool
}

func (p *plugin3) activate() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if handshake() != nil {
		return
	}
	p.activated = true
	p.cond.Broadcast()
}

func (p *plugin3) Close() {
	p.mu.Lock()
	p.closed = true
	p.cond.Broadcast()
	p.mu.Unlock()
}

func (p *plugin3) waitActive() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.activated && !p.closed {
		p.cond.Wait()
	}
}

func Enable3() *plugin3 {
	p := &plugin3{}
	p.cond = sync.NewCond(&p.mu)
	go p.activate()
	p.waitActive()
	return p
}

// OK: a producer that is called for every item: an early return for an
// empty item leaves the next call to signal.
type feed struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func (f *feed) push(x int) {
	if x == 0 {
		return
	}
	f.mu.Lock()
	f.items = append(f.items, x)
	f.cond.Signal()
	f.mu.Unlock()
}

func (f *feed) pop() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	for len(f.items) == 0 {
		f.cond.Wait()
	}
	x := f.items[0]
	f.items = f.items[1:]
	return x
}

func Feed(xs []int) int {
	f := &feed{}
	f.cond = sync.NewCond(&f.mu)
	go func() {
		for _, x := range xs {
			f.push(x)
		}
	}()
	return f.pop()
}

// OK: one goroutine per worker, started in a loop: another may signal.
type pool struct {
	mu    sync.Mutex
	cond  *sync.Cond
	ready int
}

func (p *pool) start(fail bool) {
	if fail {
		return
	}
	p.mu.Lock()
	p.ready++
	p.cond.Signal()
	p.mu.Unlock()
}

func StartAll(n int) {
	p := &pool{}
	p.cond = sync.NewCond(&p.mu)
	for i := 0; i < n; i++ {
		go p.start(i%2 == 0)
	}
	p.mu.Lock()
	for p.ready == 0 {
		p.cond.Wait()
	}
	p.mu.Unlock()
}

// kubernetes#11298: the only caller of setChanged is a goroutine whose stop
// case returns before calling it.
type node struct {
	lock    sync.Mutex
	cond    *sync.Cond
	changed bool
	stopCh  chan struct{}
}

func (n *node) setChanged() {
	n.lock.Lock()
	n.changed = true
	n.cond.Broadcast()
	n.lock.Unlock()
}

func (n *node) waitForChange() {
	n.lock.Lock()
	defer n.lock.Unlock()
	for !n.changed {
		n.cond.Wait() // want `n.cond.Wait\(\) can only be woken by setChanged, which runs once as a goroutine and can return without signalling`
	}
}

func RunNode() {
	n := &node{stopCh: make(chan struct{})}
	n.cond = sync.NewCond(&n.lock)
	go func() {
		select {
		case <-n.stopCh:
			return
		default:
			n.setChanged()
		}
	}()
	close(n.stopCh)
	n.waitForChange()
}

// OK: the goroutine always gets to setChanged.
type node2 struct {
	lock    sync.Mutex
	cond    *sync.Cond
	changed bool
}

func (n *node2) setChanged() {
	n.lock.Lock()
	n.changed = true
	n.cond.Broadcast()
	n.lock.Unlock()
}

func (n *node2) waitForChange() {
	n.lock.Lock()
	defer n.lock.Unlock()
	for !n.changed {
		n.cond.Wait()
	}
}

func RunNode2() {
	n := &node2{}
	n.cond = sync.NewCond(&n.lock)
	go func() {
		n.setChanged()
	}()
	n.waitForChange()
}
