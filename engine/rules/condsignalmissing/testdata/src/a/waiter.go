package a

import "sync"

// Gate.Open (opener.go) broadcasts; Latch has no Signal or Broadcast anywhere.
type Gate struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

func (g *Gate) Wait() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.open {
		g.cond.Wait() // OK: Open broadcasts in opener.go
	}
}

type Latch struct {
	mu    sync.Mutex
	ready *sync.Cond
	done  bool
}

func NewLatch() *Latch {
	l := &Latch{}
	l.ready = sync.NewCond(&l.mu)
	return l
}

func (l *Latch) Await() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for !l.done {
		l.ready.Wait() // want `l.ready.Wait\(\) waits for a Signal or Broadcast that nothing in the package sends`
	}
}

func (l *Latch) Release() {
	l.mu.Lock()
	l.done = true
	l.mu.Unlock()
}

// A local cond nobody signals.
func Stuck() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	mu.Lock()
	for {
		c.Wait() // want `c.Wait\(\) waits`
	}
}

// A local cond waited on in a goroutine, nothing signals it.
func StuckInGoroutine(done chan<- bool) {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	go func() {
		mu.Lock()
		c.Wait() // want `c.Wait\(\) waits`
		mu.Unlock()
		done <- true
	}()
}

// A package variable nobody signals.
var (
	stateMu sync.Mutex
	ready   = sync.NewCond(&stateMu)
)

func awaitReady() {
	stateMu.Lock()
	ready.Wait() // want `ready.Wait\(\) waits`
	stateMu.Unlock()
}
