// Fixed version of moby/moby#29733: the waiters also stop on an error, and the error path broadcasts.
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
	defer p.activateWait.Broadcast()
	if fail {
		p.activateErr = errors.New("activation failed")
		return
	}
	p.activated = true
}

func (p *Plugin) waitActive() error {
	p.activateWait.L.Lock()
	defer p.activateWait.L.Unlock()
	for !p.activated && p.activateErr == nil {
		p.activateWait.Wait() // fixed
	}
	return p.activateErr
}

func main() {
	p := &Plugin{activateWait: sync.NewCond(&sync.Mutex{})}
	go p.activate(true)
	_ = p.waitActive()
}
