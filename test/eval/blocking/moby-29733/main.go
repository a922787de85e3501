// Reproduces: moby/moby#29733 https://github.com/moby/moby/pull/29733 (GoBench goker moby/29733)
// Kind: cond-no-signal
// Expected: cond-signal-missing
//
// Plugin activation: callers wait on the plugin's cond until it is activated;
// when activation fails the plugin records the error and returns without
// Broadcast, so the waiters sleep forever.
package main

import (
	"errors"
	"sync"
)

type Plugin struct {
	activateWait *sync.Cond
	activated    bool
	activateErr  error
}

func (p *Plugin) activate(fail bool) {
	p.activateWait.L.Lock()
	defer p.activateWait.L.Unlock()
	if fail {
		p.activateErr = errors.New("activation failed")
		return // bug-partner
	}
	p.activated = true
	p.activateWait.Broadcast()
}

func (p *Plugin) waitActive() error {
	p.activateWait.L.Lock()
	defer p.activateWait.L.Unlock()
	for !p.activated {
		p.activateWait.Wait() // bug: cond-no-signal
	}
	return p.activateErr
}

func main() {
	p := &Plugin{activateWait: sync.NewCond(&sync.Mutex{})}
	go p.activate(true)
	_ = p.waitActive()
}
