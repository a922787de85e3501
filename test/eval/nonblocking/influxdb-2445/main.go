// Reproduces: influxdata/influxdb#2445 https://github.com/influxdata/influxdb/pull/2445
// Kind: counter
// Expected: unsynchronized-shared-write, data-race
//
// Stats: each counter has its own mutex and Add takes it, but Walk holds only
// the map's read lock and reads every counter's value without the counter's
// own lock ("so here is the race").
package main

import "sync"

type int64Var struct {
	mu sync.Mutex
	i  int64
}

func (v *int64Var) Add(delta int64) {
	v.mu.Lock()
	v.i += delta // bug-partner
	v.mu.Unlock()
}

type Stats struct {
	mu sync.RWMutex
	m  map[string]*int64Var
}

func (s *Stats) Add(key string, delta int64) {
	s.mu.RLock()
	v := s.m[key]
	s.mu.RUnlock()
	v.Add(delta)
}

func (s *Stats) Walk(f func(string, int64)) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for k, v := range s.m {
		f(k, v.i) // bug: counter
	}
}

func main() {
	s := &Stats{m: map[string]*int64Var{"points": {}}}
	go func() {
		for {
			s.Add("points", 1)
		}
	}()
	s.Walk(func(string, int64) {})
}
