// Fixed version of moby/moby#28462: the stop channel is closed (never blocks) instead of sent on.
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
			c.Lock()
			c.status = "healthy"
			c.Unlock()
		}
	}
}

func (c *Container) stopHealthCheck() {
	c.Lock()
	defer c.Unlock()
	if c.health != nil {
		close(c.health.stop) // fixed
		c.health = nil
	}
}

func main() {
	c := &Container{health: &Health{stop: make(chan struct{})}}
	go monitor(c, c.health.stop)
	time.Sleep(2 * time.Millisecond)
	c.stopHealthCheck()
}
