package a

import "sync"

// Await holds stateMu while p.cond.Wait() releases only p.mu; Ready needs
// stateMu before it can Broadcast: the waiter sleeps forever.
type Pipeline struct {
	mu      sync.Mutex
	stateMu sync.Mutex
	cond    *sync.Cond
	ready   bool
	stage   int
}

func NewPipeline() *Pipeline {
	p := &Pipeline{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *Pipeline) Await() {
	p.stateMu.Lock()
	defer p.stateMu.Unlock()
	p.mu.Lock()
	for !p.ready {
		p.cond.Wait() // want "p.cond.Wait\\(\\) releases only its own lock, while p.stateMu stays held; Pipeline.Ready needs"
	}
	p.mu.Unlock()
}

func (p *Pipeline) Ready() {
	p.stateMu.Lock()
	defer p.stateMu.Unlock()
	p.stage++
	p.mu.Lock()
	p.ready = true
	p.mu.Unlock()
	p.cond.Broadcast()
}

// OK: waiting while holding only the cond's own lock.
type Gate struct {
	mu   sync.Mutex
	cond *sync.Cond
	open bool
}

func NewGate() *Gate {
	g := &Gate{}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *Gate) Pass() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for !g.open {
		g.cond.Wait()
	}
}

func (g *Gate) Open() {
	g.mu.Lock()
	g.open = true
	g.mu.Unlock()
	g.cond.Broadcast()
}
