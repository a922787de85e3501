package a

import (
	"sync"
	"time"
)

// The receiver calls back through a func field that the package only ever
// sets to authStore.deleteToken, which takes the lock the sender holds.
type tokenKeeper struct {
	addCh    chan string
	onExpire func(string)
	tokens   map[string]time.Time
}

func (k *tokenKeeper) run() {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case t := <-k.addCh:
			k.tokens[t] = time.Now()
		case <-tick.C:
			for t := range k.tokens {
				k.onExpire(t)
				delete(k.tokens, t)
			}
		}
	}
}

type authStore struct {
	mu     sync.Mutex
	tokens map[string]string
	keeper *tokenKeeper
}

func (as *authStore) assign(user, token string) {
	as.mu.Lock()
	defer as.mu.Unlock()
	as.tokens[token] = user
	as.keeper.addCh <- token // want `as.keeper.addCh <- … can block while as.mu is held, and tokenKeeper.run \(<-k.addCh\) takes as.mu too`
}

func (as *authStore) deleteToken(t string) {
	as.mu.Lock()
	defer as.mu.Unlock()
	delete(as.tokens, t)
}

func newAuthStore() *authStore {
	as := &authStore{tokens: map[string]string{}}
	as.keeper = &tokenKeeper{addCh: make(chan string), onExpire: as.deleteToken, tokens: map[string]time.Time{}}
	go as.keeper.run()
	return as
}

// OK: the field is given a function the package cannot name (a parameter):
// what the call runs is unknown.
type hookKeeper struct {
	in   chan int
	hook func(int)
}

func (k *hookKeeper) run() {
	for v := range k.in {
		k.hook(v)
	}
}

type hookStore struct {
	mu     sync.Mutex
	n      int
	keeper *hookKeeper
}

func (s *hookStore) locked(v int) {
	s.mu.Lock()
	s.n += v
	s.mu.Unlock()
}

func (s *hookStore) Push(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keeper.in <- v
}

func newHookStore(hook func(int)) *hookStore {
	s := &hookStore{}
	s.keeper = &hookKeeper{in: make(chan int), hook: s.locked}
	s.keeper.hook = hook
	go s.keeper.run()
	return s
}

// OK: the one function the field holds takes another lock.
type logKeeper struct {
	in  chan int
	log func(int)
}

func (k *logKeeper) run() {
	for v := range k.in {
		k.log(v)
	}
}

type logStore struct {
	mu     sync.Mutex
	logMu  sync.Mutex
	lines  []int
	keeper *logKeeper
}

func (s *logStore) record(v int) {
	s.logMu.Lock()
	s.lines = append(s.lines, v)
	s.logMu.Unlock()
}

func (s *logStore) Push(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keeper.in <- v
}

func newLogStore() *logStore {
	s := &logStore{}
	s.keeper = &logKeeper{in: make(chan int), log: s.record}
	go s.keeper.run()
	return s
}
