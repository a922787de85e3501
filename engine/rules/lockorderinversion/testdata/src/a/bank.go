package a

import "sync"

// Bank.Audit holds Bank.mu and calls Branch.Report (Branch.mu); Branch.Close
// (branch.go) holds Branch.mu and reaches Bank.mu through settle → record.
type Bank struct {
	mu     sync.Mutex
	ledger []int
}

type Branch struct {
	mu      sync.Mutex
	balance int
}

func (b *Bank) Audit(br *Branch) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return br.Report() // want "lock order inversion: Branch.mu is locked while holding Bank.mu here, but Branch.Close locks Bank.mu while holding Branch.mu"
}

func (br *Branch) Report() int {
	br.mu.Lock()
	defer br.mu.Unlock()
	return br.balance
}

func (b *Bank) record(v int) {
	b.mu.Lock()
	b.ledger = append(b.ledger, v)
	b.mu.Unlock()
}

// Two package-level locks taken directly in opposite orders.
var (
	usersMu  sync.Mutex
	groupsMu sync.Mutex
)

func AddUserToGroup() {
	usersMu.Lock()
	defer usersMu.Unlock()
	groupsMu.Lock() // want ".*groupsMu is locked while holding usersMu here, but RemoveGroup locks usersMu"
	defer groupsMu.Unlock()
}

func RemoveGroup() {
	groupsMu.Lock()
	defer groupsMu.Unlock()
	usersMu.Lock() // want ".*usersMu is locked while holding groupsMu here, but AddUserToGroup locks groupsMu"
	defer usersMu.Unlock()
}
