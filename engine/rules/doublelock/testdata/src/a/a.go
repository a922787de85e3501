package a

import (
	"os"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

func (a *Account) Deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
	a.mu.Lock() // want `a.mu is locked again while already held \(locked at line 14\)`
	a.mu.Unlock()
}

type Table struct {
	mu   sync.RWMutex
	rows map[string]int
}

func (t *Table) Upsert(k string, v int) {
	t.mu.RLock()
	_, ok := t.rows[k]
	if !ok {
		t.mu.Lock() // want `t.mu.Lock\(\) while holding its read lock`
		t.rows[k] = v
		t.mu.Unlock()
	}
	t.mu.RUnlock()
}

// Sum read-locks and then calls Get, which read-locks again.
func (t *Table) Sum(keys []string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	total := 0
	for _, k := range keys {
		total += t.Get(k) // want `t.Get\(\) read-locks t.mu again while already holding its read lock`
	}
	return total
}

func (t *Table) Get(k string) int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return t.rows[k]
}

var registryMu sync.Mutex

func lockRegistry() { registryMu.Lock() }

func unlockRegistry() { registryMu.Unlock() }

func Register(name string) {
	lockRegistry()
	defer unlockRegistry()
	registryMu.Lock() // want `registryMu is locked again`
	_ = name
	registryMu.Unlock()
}

// A closure assigned to a local variable is followed too.
func (a *Account) Reset() {
	zero := func() {
		a.mu.Lock()
		a.balance = 0
		a.mu.Unlock()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	zero() // want `zero\(\) locks a.mu again while it is held`
}

// The honest counterpart of the flag case: the flag passed as true under the lock.
type Store struct {
	mu sync.Mutex
	m  map[int]string
}

func (s *Store) remove(k int, needLock bool) {
	if needLock {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	delete(s.m, k)
}

func (s *Store) RemoveAllLocked(keys []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		s.remove(k, true) // want `s.remove\(\) locks s.mu again`
	}
}

// Some paths only: a warning.
func (s *Store) Maybe(k int, lock bool) {
	if lock {
		s.mu.Lock()
	}
	s.mu.Lock() // want `s.mu is locked again while already held .* on some paths`
	delete(s.m, k)
	s.mu.Unlock()
	if lock {
		s.mu.Unlock()
	}
}

// --- Negative cases: every one of these must stay silent. ---

// The engine issue's case 1: the callee locks only under a flag passed false.
func (s *Store) RemoveAll(keys []int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		s.remove(k, false)
	}
}

type Node struct {
	mu   sync.Mutex
	n    int
	file string
}

// The engine issue's case 2: defer Unlock with an Unlock/Lock window inside.
func (n *Node) snapshot(b []byte) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.mu.Unlock()
	err := os.WriteFile(n.file, b, 0o600)
	n.mu.Lock()
	return err
}

func (n *Node) Run(b []byte) {
	n.snapshot(b)
	n.mu.Lock()
	n.mu.Unlock()
}

// Released before the second acquisition.
func (a *Account) Twice() {
	a.mu.Lock()
	a.balance++
	a.mu.Unlock()
	a.mu.Lock()
	a.balance++
	a.mu.Unlock()
}

// Two different accounts: different locks.
func Transfer(from, to *Account, n int) {
	from.mu.Lock()
	defer from.mu.Unlock()
	to.mu.Lock()
	defer to.mu.Unlock()
	from.balance -= n
	to.balance += n
}

// TryLock fails instead of blocking.
func (a *Account) Try() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.mu.TryLock()
}

// A goroutine's locks are its own.
func (a *Account) Async() {
	a.mu.Lock()
	defer a.mu.Unlock()
	go func() {
		a.mu.Lock()
		a.balance++
		a.mu.Unlock()
	}()
}

// Elements of a slice: which index is unknown, so nothing is said.
func Pairs(locks []sync.Mutex, i, j int) {
	locks[i].Lock()
	locks[j].Lock()
	locks[j].Unlock()
	locks[i].Unlock()
}

// The seed's Counter: lock, defer unlock, done.
type Counter struct {
	mu    sync.Mutex
	value int
}

func (c *Counter) Increment() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.value++
}

// Recursive read locking where nothing in the package ever write-locks.
type Config struct {
	mu   sync.RWMutex
	vals map[string]string
}

func (c *Config) lookup(k string) string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.vals[k]
}

func (c *Config) Both(a, b string) (string, string) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.lookup(a), c.lookup(b)
}

// Correlated branches: the same condition locks and unlocks (nats-server's
// applyStreamEntries when recovering).
func (s *Store) apply(recovering bool, keys []int) {
	for _, k := range keys {
		if recovering {
			s.mu.Lock()
		}
		delete(s.m, k)
		if recovering {
			s.mu.Unlock()
		}
	}
}

type Applier struct {
	mu         sync.Mutex
	recovering bool
	n          int
}

func (a *Applier) step() {
	if a.recovering {
		a.mu.Lock()
	}
	a.n++
	if a.recovering {
		a.mu.Unlock()
	}
	a.mu.Lock()
	a.n++
	a.mu.Unlock()
}

// A flag handed down through a wrapper (nats-server's canImport →
// pubAllowedFullCheck(s, false, true) → pubAllowedWithResp(…, hasLock)).
type Client struct {
	mu    sync.Mutex
	cache map[string]bool
}

func (c *Client) allowedWithResp(subject string, hasLock bool) bool {
	if !hasLock {
		c.mu.Lock()
		defer c.mu.Unlock()
	}
	return c.cache[subject]
}

func (c *Client) allowed(subject string, hasLock bool) bool {
	return c.allowedWithResp(subject, hasLock)
}

func (c *Client) canImport(subject string) bool { return c.allowed(subject, true) }

func (c *Client) Route(subjects []string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range subjects {
		if c.canImport(s) {
			n++
		}
	}
	return n
}

// The honest counterpart: the wrapper told the lock is not held, under the lock.
func (c *Client) RouteWrong(subject string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.allowed(subject, false) // want `c.allowed\(\) locks c.mu again`
}

// A callee that releases the caller's lock around a callback, two calls down
// (nats-server's memStore.removeMsg under enforceMsgLimit).
type MemStore struct {
	mu sync.Mutex
	cb func()
	n  int
}

func (ms *MemStore) removeMsg() {
	if ms.cb != nil {
		ms.mu.Unlock()
		ms.cb()
		ms.mu.Lock()
	}
	ms.n--
}

func (ms *MemStore) deleteFirst() { ms.removeMsg() }

func (ms *MemStore) Update() {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	ms.deleteFirst()
}

// A generic helper that locks, called under the lock.
type Cache[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

func (c *Cache[V]) get(k string) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

func (c *Cache[V]) GetTwice(k string) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.get(k) // want `c.get\(\) locks c.mu again`
}

func UseCache(c *Cache[int]) int { return c.GetTwice("x") }
