package a

import "sync"

// A receive whose partner is a close: stop waits for donec under b.mu, and
// the loop that closes donec when it exits takes b.mu for each update.
type Broadcaster struct {
	mu      sync.Mutex
	n       int
	updatec chan int
	stopc   chan struct{}
	donec   chan struct{}
}

func NewBroadcaster() *Broadcaster {
	b := &Broadcaster{updatec: make(chan int, 1), stopc: make(chan struct{}), donec: make(chan struct{})}
	go func() {
		defer close(b.donec)
		for {
			select {
			case v := <-b.updatec:
				b.add(v)
			case <-b.stopc:
				return
			}
		}
	}()
	return b
}

func (b *Broadcaster) add(v int) {
	b.mu.Lock()
	b.n += v
	b.mu.Unlock()
}

func (b *Broadcaster) Stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	close(b.stopc)
	<-b.donec // want `<-b.donec can block while b.mu is held, and the function literal in NewBroadcaster \(close\(b.donec\)\) takes b.mu too`
}

// OK: the lock is released before waiting for the close.
type Closer struct {
	mu    sync.Mutex
	n     int
	stopc chan struct{}
	donec chan struct{}
}

func (c *Closer) run() {
	defer close(c.donec)
	for {
		select {
		case <-c.stopc:
			return
		default:
		}
		c.mu.Lock()
		c.n++
		c.mu.Unlock()
	}
}

func (c *Closer) Stop() {
	c.mu.Lock()
	close(c.stopc)
	c.mu.Unlock()
	<-c.donec
}

// OK: the closer takes the lock only after it closed, once: the receive has
// been released by then.
type Finisher struct {
	mu    sync.Mutex
	state int
	done  chan struct{}
}

func (f *Finisher) finish() {
	close(f.done)
	f.mu.Lock()
	f.state = 2
	f.mu.Unlock()
}

func (f *Finisher) Await() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	<-f.done
	return f.state
}

// OK: the closer never takes the lock.
type Latch struct {
	mu    sync.Mutex
	n     int
	ready chan struct{}
}

func (l *Latch) open() { close(l.ready) }

func (l *Latch) Await() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	<-l.ready
	return l.n
}

func startClosers(c *Closer, f *Finisher, l *Latch) {
	go c.run()
	go f.finish()
	go l.open()
}
