package a

import (
	"errors"
	"fmt"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

// Every early exit unlocks, by hand: the fix is safe.
func (a *Account) Deposit(n int) error {
	a.mu.Lock() // want `2 exits each call a.mu.Unlock\(\) by hand \(lines 18 and 22\)`
	if n <= 0 {
		a.mu.Unlock()
		return errBadAmount
	}
	a.balance += n
	a.mu.Unlock()
	return nil
}

var errBadAmount = errors.New("bad amount")

type Conn struct {
	mu     sync.Mutex
	closed bool
}

func (c *Conn) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
}

// The engine issue's unsafe fix: close() takes the same lock after the early
// Unlock; deferring would deadlock. Work after an Unlock is deliberate: silent.
func (c *Conn) Write(b []byte) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		c.close()
		return errors.New("closed")
	}
	c.mu.Unlock()
	return nil
}

// A return that calls something: it would run under the lock once deferred. Silent.
func (a *Account) Check(n int) error {
	a.mu.Lock()
	if n > a.balance {
		a.mu.Unlock()
		return fmt.Errorf("insufficient: %d", n)
	}
	a.mu.Unlock()
	return nil
}

// --- Negative cases. ---

// Already deferred.
func (a *Account) Balance() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}

// One exit only.
func (a *Account) Add(n int) {
	a.mu.Lock()
	a.balance += n
	a.mu.Unlock()
}

// The window pattern with defer: not this rule's business.
func (c *Conn) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.mu.Unlock()
	c.mu.Lock()
}

// A lock per iteration: defer would hold it to the end of the function.
func (c *Conn) poll(stop chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
	}
}

// errors.New of a literal cannot take a lock: reported, fixed.
func (a *Account) Take(n int) error {
	a.mu.Lock() // want `2 exits each call a.mu.Unlock\(\) by hand`
	if n > a.balance {
		a.mu.Unlock()
		return errors.New("insufficient")
	}
	a.balance -= n
	a.mu.Unlock()
	return nil
}
