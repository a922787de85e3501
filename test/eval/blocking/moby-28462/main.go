// Reproduces: moby/moby#28462 https://github.com/moby/moby/pull/28462 (GoBench goker moby/28462)
// Kind: chan-under-lock
// Expected: channel-op-under-lock
//
// Health checks: stopping the monitor sends on its stop channel while the
// container lock is held; the monitor goroutine, handling a probe result,
// needs the container lock before it returns to its select.
package main

import (
	"sync"
	"time"
)

type Container struct {
	sync.Mutex
	health *Health
	status string
}

type Health struct {
	stop chan struct{}
}

func monitor(c *Container, stop chan struct{}) {
	probe := time.NewTicker(time.Millisecond)
	defer probe.Stop()
	for {
		select {
		case <-stop:
			return
		case <-probe.C:
			c.Lock() // bug-partner
			c.status = "healthy"
			c.Unlock()
		}
	}
}

func (c *Container) stopHealthCheck() {
	c.Lock()
	defer c.Unlock()
	if c.health != nil {
		c.health.stop <- struct{}{} // bug: chan-under-lock
		c.health = nil
	}
}

func main() {
	c := &Container{health: &Health{stop: make(chan struct{})}}
	go monitor(c, c.health.stop)
	time.Sleep(2 * time.Millisecond)
	c.stopHealthCheck()
}
