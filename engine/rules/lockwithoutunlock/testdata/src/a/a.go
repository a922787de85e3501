package a

import (
	"errors"
	"log"
	"os"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

// The seed's "defer unlock 누락 → 데드락": the early return keeps the lock.
func (a *Account) Withdraw(n int) error {
	a.mu.Lock() // want `a.mu.Lock\(\) is not released on every path: the return at line 19 keeps it locked`
	if n > a.balance {
		return errors.New("insufficient funds")
	}
	a.balance -= n
	a.mu.Unlock()
	return nil
}

type Store struct {
	mu   sync.RWMutex
	data map[string]string
}

func (s *Store) MustGet(k string) string {
	s.mu.RLock() // want `s.mu.RLock\(\) is not released when the panic at line 35 unwinds`
	v, ok := s.data[k]
	if !ok {
		panic("missing " + k)
	}
	s.mu.RUnlock()
	return v
}

func (s *Store) Drain(keys []string) {
	for _, k := range keys {
		s.mu.Lock() // want `s.mu.Lock\(\) is not released on every path`
		if k == "" {
			continue
		}
		delete(s.data, k)
		s.mu.Unlock()
	}
}

// A lock helper handed to the caller, and a caller that leaks it on one path.
var regMu sync.Mutex

func lockReg() { regMu.Lock() }

func unlockReg() { regMu.Unlock() }

func Update(ok bool) error {
	lockReg() // want `lockReg\(\) \(returns with regMu held\) is not released on every path`
	if !ok {
		return errors.New("bad")
	}
	unlockReg()
	return nil
}

// Nothing anywhere unlocks it.
type Gauge struct {
	mu sync.Mutex
	n  int
}

func (g *Gauge) Inc() {
	g.mu.Lock() // want `g.mu.Lock\(\) is never released`
	g.n++
}

// --- Negative cases. ---

type Node struct {
	mu   sync.Mutex
	n    int
	file string
}

// The engine issue's case 2: released through a local closure on the early exit.
func (n *Node) fail() {
	n.mu.Lock()
	bail := func() { n.mu.Unlock() }
	if n.n < 0 {
		bail()
		return
	}
	n.mu.Unlock()
}

// Released through sync.OnceFunc(mu.Unlock), called on every way out.
func (n *Node) once(b []byte) error {
	n.mu.Lock()
	unlock := sync.OnceFunc(n.mu.Unlock)
	defer unlock()
	if len(b) == 0 {
		return errors.New("empty")
	}
	unlock()
	return os.WriteFile(n.file, b, 0o600)
}

// A method value used as the release.
func (n *Node) methodValue() int {
	n.mu.Lock()
	release := n.mu.Unlock
	if n.n == 0 {
		release()
		return 0
	}
	v := n.n
	release()
	return v
}

// The Unlock/Lock window under defer (snapshot in the engine issue).
func (n *Node) snapshot(b []byte) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.mu.Unlock()
	err := os.WriteFile(n.file, b, 0o600)
	n.mu.Lock()
	return err
}

// Lock under a flag with its defer under the same flag.
func (s *Store) remove(k string, needLock bool) {
	if needLock {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	delete(s.data, k)
}

// Unlocked by a goroutine the function waits for.
func (n *Node) handOff() {
	n.mu.Lock()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		n.n++
		n.mu.Unlock()
	}()
	wg.Wait()
}

// A try-lock helper: true means "you hold it now".
func (n *Node) tryAcquire() bool {
	n.mu.Lock()
	if n.n > 10 {
		n.mu.Unlock()
		return false
	}
	return true
}

// log.Fatal ends the process: nothing is left locked for anyone.
func (n *Node) fatal() {
	n.mu.Lock()
	if n.n < 0 {
		log.Fatal("negative")
	}
	n.mu.Unlock()
}

// TryLock taken only when it succeeded.
func (n *Node) try() {
	if !n.mu.TryLock() {
		return
	}
	n.n++
	n.mu.Unlock()
}

// The seed's Counter.
type Counter struct {
	mu    sync.Mutex
	value int
}

func (c *Counter) Increment() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.value++
}

// Every early exit unlocks by hand: not this rule's business (unlock-not-deferred).
func (a *Account) Deposit(n int) error {
	a.mu.Lock()
	if n <= 0 {
		a.mu.Unlock()
		return errors.New("bad amount")
	}
	a.balance += n
	a.mu.Unlock()
	return nil
}

// Correlated branches on a parameter and on a field: balanced on every feasible path.
func (n *Node) maybe(lock bool) {
	if lock {
		n.mu.Lock()
	}
	n.n++
	if lock {
		n.mu.Unlock()
	}
}

type Flagged struct {
	mu   sync.Mutex
	safe bool
	n    int
}

func (f *Flagged) touch() {
	if f.safe {
		f.mu.Lock()
	}
	f.n++
	if f.safe {
		f.mu.Unlock()
	}
}

// A blocking select has an impossible "no case matched" branch in SSA: not a panic path.
func (n *Node) wait(done chan error, tick <-chan int) error {
	n.mu.Lock()
	select {
	case err := <-done:
		n.mu.Unlock()
		return err
	case <-tick:
	}
	n.mu.Unlock()
	return nil
}

// A loop that leaves with the lock held only once its flag says so
// (nats-server's raft test): the loop test and the unlock test agree.
func (n *Node) spinUntil(ready func() bool) {
	for popped := false; !popped; {
		n.mu.Lock()
		popped = ready()
		if !popped {
			n.mu.Unlock()
		}
	}
	n.n++
	n.mu.Unlock()
}

// Called with n.mu held; lets go of it around slow work and takes it back
// (nats-server's firstSeqForSubj): returning with it held is the contract.
func (n *Node) slowLocked(files []string) error {
	for _, f := range files {
		n.mu.Unlock()
		err := os.WriteFile(f, nil, 0o600)
		n.mu.Lock()
		if err != nil {
			return err
		}
	}
	return nil
}

// A range-over-func loop body that unlocks before an early return
// (nats-server's GenericSublist.Insert).
func (s *Store) insert(keys func(func(string) bool)) error {
	s.mu.Lock()
	for k := range keys {
		if k == "" {
			s.mu.Unlock()
			return errors.New("empty key")
		}
		s.data[k] = k
	}
	s.mu.Unlock()
	return nil
}

// Acquired on success, released on every error (bbolt's beginRWTx: the
// transaction releases it when it closes).
type Tx struct{ n *Node }

func (n *Node) begin() (*Tx, error) {
	n.mu.Lock()
	if n.n < 0 {
		n.mu.Unlock()
		return nil, errors.New("closed")
	}
	return &Tx{n: n}, nil
}

// The honest counterpart: the error path keeps the lock.
func (n *Node) beginWrong() (*Tx, error) {
	n.mu.Lock() // want `n.mu.Lock\(\) is not released on every path: the return at line 307 keeps it locked`
	if n.n < 0 {
		return nil, errors.New("closed")
	}
	t := &Tx{n: n}
	n.mu.Unlock()
	return t, nil
}

// Closures kept in variables that other closures capture (nats-server's
// processJetStreamAtomicBatchMsg: rollback unlocks, errorOnUnsupported calls it).
func (n *Node) batch(items []int) error {
	n.mu.Lock()
	rollback := func() {
		n.n = 0
		n.mu.Unlock()
	}
	fail := func(msg string) error {
		rollback()
		return errors.New(msg)
	}
	for _, it := range items {
		if it < 0 {
			return fail("negative")
		}
		if it == 0 {
			rollback()
			return nil
		}
	}
	n.mu.Unlock()
	return nil
}

// A leak beside a release through a closure: reported, and no fix (deleting
// rollback() would delete its other effect too).
func (n *Node) batchLeak(items []int) error {
	n.mu.Lock() // want `n.mu.Lock\(\) is not released on every path`
	rollback := func() {
		n.n = 0
		n.mu.Unlock()
	}
	for _, it := range items {
		if it < 0 {
			return errors.New("negative")
		}
		if it == 0 {
			rollback()
			return nil
		}
	}
	n.mu.Unlock()
	return nil
}

// The same with a defer in the function (results go through SSA's result
// slots): bbolt's beginRWTx.
func (n *Node) beginRW(meta *sync.Mutex) (*Tx, error) {
	n.mu.Lock()
	meta.Lock()
	defer meta.Unlock()
	if n.n < 0 {
		n.mu.Unlock()
		return nil, errClosed
	}
	return &Tx{n: n}, nil
}

var errClosed = errors.New("closed")
