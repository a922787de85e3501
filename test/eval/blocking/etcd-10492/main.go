// Reproduces: etcd-io/etcd#10492 https://github.com/etcd-io/etcd/pull/10492 (GoBench goker etcd/10492)
// Kind: double-lock-callee
// Expected: double-lock
//
// The lessor's Renew holds le.mu and calls the checkpointer callback, which
// reaches back into the lessor and locks le.mu again.
package main

import "sync"

type Checkpointer func(id int64)

type lessor struct {
	mu   sync.RWMutex
	cp   Checkpointer
	ttls map[int64]int64
}

func (le *lessor) SetCheckpointer(cp Checkpointer) {
	le.mu.Lock()
	defer le.mu.Unlock()
	le.cp = cp
}

func (le *lessor) Checkpoint(id int64) {
	le.mu.Lock() // bug: double-lock-callee
	defer le.mu.Unlock()
	le.ttls[id]++
}

func (le *lessor) Renew(id int64) {
	le.mu.Lock() // bug-partner
	defer le.mu.Unlock()
	if le.cp != nil {
		le.cp(id) // bug-partner
	}
}

func main() {
	le := &lessor{ttls: map[int64]int64{}}
	le.SetCheckpointer(func(id int64) { le.Checkpoint(id) })
	le.Renew(1)
}
