// Reproduces: syncthing/syncthing#4829 https://github.com/syncthing/syncthing/pull/4829 (GoBench goker syncthing/4829)
// Kind: double-lock-callee
// Expected: double-lock
//
// NAT service: the renewal loop holds s.mut while it walks the mappings and,
// for a mapping that expired, calls RemoveMapping, which takes s.mut again.
package main

import (
	"sync"
	"time"
)

type Mapping struct {
	expires time.Time
}

type Service struct {
	mut      sync.RWMutex
	mappings []*Mapping
}

func (s *Service) RemoveMapping(m *Mapping) {
	s.mut.Lock() // bug: double-lock-callee
	defer s.mut.Unlock()
	for i, e := range s.mappings {
		if e == m {
			s.mappings = append(s.mappings[:i], s.mappings[i+1:]...)
			return
		}
	}
}

func (s *Service) process() {
	s.mut.RLock() // bug-partner
	defer s.mut.RUnlock()
	for _, m := range s.mappings {
		if m.expires.Before(time.Now()) {
			s.RemoveMapping(m) // bug-partner
		}
	}
}

func main() {
	s := &Service{mappings: []*Mapping{{}}}
	s.process()
}
