// Reproduces: cockroachdb/cockroach#10214 https://github.com/cockroachdb/cockroach/pull/10214 (GoBench goker cockroach/10214)
// Kind: ab-ba
// Expected: lock-order-inversion
//
// Coalesced heartbeats: the store's send loop takes coalescedMu and then each
// replica's mu; a replica proposing a heartbeat holds its mu and then takes
// the store's coalescedMu.
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
		r.mu.Lock() // bug: ab-ba
		_ = r.id
		r.mu.Unlock()
	}
	s.heartbeats = nil
}

func (r *Replica) tick() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.store.coalescedMu.Lock() // bug-partner
	r.store.heartbeats = append(r.store.heartbeats, r.id)
	r.store.coalescedMu.Unlock()
}

func main() {
	s := &Store{}
	r := &Replica{id: 1, store: s}
	s.replicas = append(s.replicas, r)
	go s.sendQueuedHeartbeats()
	r.tick()
}
