// Fixed version of cockroachdb/cockroach#10214: the replica releases r.mu before queueing the heartbeat.
package main

import "sync"

type Store struct {
	coalescedMu sync.Mutex
	heartbeats  []int
	replicas    []*Replica
}

type Replica struct {
	mu    sync.Mutex
	id    int
	store *Store
}

func (s *Store) sendQueuedHeartbeats() {
	s.coalescedMu.Lock()
	defer s.coalescedMu.Unlock()
	for _, r := range s.replicas {
		r.mu.Lock() // fixed
		_ = r.id
		r.mu.Unlock()
	}
	s.heartbeats = nil
}

func (r *Replica) tick() {
	r.mu.Lock()
	id := r.id
	r.mu.Unlock()
	r.store.coalescedMu.Lock()
	r.store.heartbeats = append(r.store.heartbeats, id)
	r.store.coalescedMu.Unlock()
}

func main() {
	s := &Store{}
	r := &Replica{id: 1, store: s}
	s.replicas = append(s.replicas, r)
	go s.sendQueuedHeartbeats()
	r.tick()
}
