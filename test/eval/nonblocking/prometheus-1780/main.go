// Reproduces: prometheus/prometheus#1780 https://github.com/prometheus/prometheus/pull/1780
// Kind: map-unlocked
// Expected: concurrent-map-write
//
// discovery/kubernetes: the discovery has a mutex and uses it when it
// rebuilds target groups, but the watch handlers update the services map
// without it ("add missing locking").
package main

import (
	"sync"
	"time"
)

type Discovery struct {
	servicesMu sync.RWMutex
	services   map[string]map[string]string
}

func (kd *Discovery) updateService(ns, name string) {
	if _, ok := kd.services[ns]; !ok {
		kd.services[ns] = map[string]string{} // bug: map-unlocked
	}
	kd.services[ns][name] = name
}

func (kd *Discovery) deleteService(ns, name string) {
	kd.servicesMu.Lock()
	defer kd.servicesMu.Unlock()
	delete(kd.services[ns], name) // bug-partner
}

func (kd *Discovery) watchServices(events <-chan string) {
	for e := range events {
		kd.updateService("default", e)
	}
}

func main() {
	kd := &Discovery{services: map[string]map[string]string{}}
	events := make(chan string)
	go kd.watchServices(events)
	go func() {
		for {
			kd.deleteService("default", "a")
			time.Sleep(time.Millisecond)
		}
	}()
	events <- "a"
	close(events)
}
