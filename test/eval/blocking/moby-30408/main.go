// Reproduces: moby/moby#30408 https://github.com/moby/moby/pull/30408 (GoBench goker moby/30408)
// Kind: cond-no-signal
// Expected: cond-signal-missing
//
// Plugin manager: enable() waits on the plugin's cond for activation while a
// goroutine activates it; the goroutine's error path returns before the
// Signal, and the waiter's condition does not look at the error.
package main

import (
	"errors"
	"sync"
)

type plugin struct {
	mu        sync.Mutex
	cond      *sync.Cond
	activated bool
}

func (p *plugin) activateWithLock() error { return errors.New("handshake failed") }

func (p *plugin) activate() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.activateWithLock(); err != nil {
		return // bug-partner
	}
	p.activated = true
	p.cond.Signal()
}

func (p *plugin) enable() {
	go p.activate()
	p.mu.Lock()
	for !p.activated {
		p.cond.Wait() // bug: cond-no-signal
	}
	p.mu.Unlock()
}

func main() {
	p := &plugin{}
	p.cond = sync.NewCond(&p.mu)
	p.enable()
}
