package lock_without_unlock

import (
	"errors"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

func (a *Account) Withdraw(n int) error {
	a.mu.Lock() // want `a.mu.Lock\(\) is not released on every path`
	if n > a.balance {
		return errors.New("insufficient funds")
	}
	a.balance -= n
	a.mu.Unlock()
	return nil
}
