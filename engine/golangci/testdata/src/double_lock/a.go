package double_lock

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
}

func (a *Account) Deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
	a.mu.Lock() // want `a.mu is locked again while already held`
	a.mu.Unlock()
}
