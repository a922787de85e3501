// Reproduces: cockroachdb/cockroach#16167 https://github.com/cockroachdb/cockroach/pull/16167 (GoBench goker cockroach/16167)
// Kind: rwmutex-reentry
// Expected: double-lock
//
// The SQL executor holds systemConfigMu.RLock while preparing a statement and
// the planner it calls reads the system config through a getter that takes
// RLock again; the gossip update path's Lock queued in between deadlocks both.
package main

import "sync"

type Executor struct {
	systemConfigMu sync.RWMutex
	systemConfig   int
}

func (e *Executor) getSystemConfig() int {
	e.systemConfigMu.RLock() // bug: rwmutex-reentry
	defer e.systemConfigMu.RUnlock()
	return e.systemConfig
}

func (e *Executor) Prepare() int {
	e.systemConfigMu.RLock() // bug-partner
	defer e.systemConfigMu.RUnlock()
	return e.plan() // bug-partner
}

func (e *Executor) plan() int { return e.getSystemConfig() + 1 }

func (e *Executor) updateSystemConfig(v int) {
	e.systemConfigMu.Lock()
	e.systemConfig = v
	e.systemConfigMu.Unlock()
}

func main() {
	e := &Executor{}
	go e.updateSystemConfig(1)
	_ = e.Prepare()
}
