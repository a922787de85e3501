// Reproduces: cockroachdb/cockroach#7504 https://github.com/cockroachdb/cockroach/pull/7504 (GoBench goker cockroach/7504)
// Kind: ab-ba
// Expected: lock-order-inversion
//
// LeaseManager: acquiring a table lease takes the table state's mu and then
// the name cache's mu; releasing via the name cache takes them the other way
// round.
package main

import "sync"

type tableState struct {
	mu     sync.Mutex
	leases int
}

type tableNameCache struct {
	mu     sync.Mutex
	tables map[string]*tableState
}

type LeaseManager struct {
	names tableNameCache
	state *tableState
}

func (m *LeaseManager) AcquireByName(name string) {
	t := m.state
	t.mu.Lock()
	defer t.mu.Unlock()
	t.leases++
	m.names.mu.Lock() // bug: ab-ba
	m.names.tables[name] = t
	m.names.mu.Unlock()
}

func (m *LeaseManager) ReleaseAll() {
	m.names.mu.Lock()
	defer m.names.mu.Unlock()
	for _, t := range m.names.tables {
		t.mu.Lock() // bug-partner
		t.leases--
		t.mu.Unlock()
	}
}

func main() {
	m := &LeaseManager{names: tableNameCache{tables: map[string]*tableState{}}, state: &tableState{}}
	go m.AcquireByName("t")
	m.ReleaseAll()
}
