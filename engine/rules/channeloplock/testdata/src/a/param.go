package a

import (
	"sync"
	"time"
)

// The partner receives from a channel parameter: the go statement passes
// c.health.stop, the channel stopHealth sends on while holding c's lock,
// which the monitor takes between probes.
type Container struct {
	sync.Mutex
	health *Health
	status string
}

type Health struct {
	stop  chan struct{}
	probe chan struct{}
}

func monitorHealth(c *Container, stop chan struct{}) {
	probe := time.NewTicker(time.Millisecond)
	defer probe.Stop()
	for {
		select {
		case <-stop:
			return
		case <-probe.C:
			c.Lock()
			c.status = "healthy"
			c.Unlock()
		}
	}
}

func (c *Container) stopHealth() {
	c.Lock()
	defer c.Unlock()
	if c.health != nil {
		c.health.stop <- struct{}{} // want `c.health.stop <- … can block while c.Mutex is held, and monitorHealth \(<-stop\) takes c.Mutex too`
		c.health = nil
	}
}

func (c *Container) startHealth() {
	go monitorHealth(c, c.health.stop)
}

// OK: the parameter is given another channel (probe, not stop) wherever the
// function is started.
type Probe struct {
	sync.Mutex
	health *Health
	n      int
}

func watchProbe(p *Probe, ch chan struct{}) {
	for range ch {
		p.Lock()
		p.n++
		p.Unlock()
	}
}

func (p *Probe) Stop() {
	p.Lock()
	defer p.Unlock()
	p.health.stop <- struct{}{}
}

func (p *Probe) Start() {
	go watchProbe(p, p.health.probe)
}

// OK: the lock is released before the send (moby's fix closes the channel
// instead, which never blocks).
func (c *Container) stopHealthClosed() {
	c.Lock()
	defer c.Unlock()
	if c.health != nil {
		close(c.health.stop)
		c.health = nil
	}
}
