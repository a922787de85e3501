// Reproduces: etcd-io/etcd#7492 https://github.com/etcd-io/etcd/pull/7492 (GoBench goker etcd/7492)
// Kind: chan-under-lock
// Expected: channel-op-under-lock
//
// assignSimpleTokenToUser holds simpleTokensMu and sends the new token to the
// TTL keeper on an unbuffered channel; the keeper, on a tick, deletes expired
// tokens by calling a function that takes simpleTokensMu.
package main

import (
	"sync"
	"time"
)

type keeper struct {
	addSimpleTokenCh chan string
	deleteTokenFunc  func(string)
	tokens           map[string]time.Time
}

func (tm *keeper) run() {
	ticker := time.NewTicker(time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case t := <-tm.addSimpleTokenCh:
			tm.tokens[t] = time.Now()
		case <-ticker.C:
			for t := range tm.tokens {
				tm.deleteTokenFunc(t)
				delete(tm.tokens, t)
			}
		}
	}
}

type authStore struct {
	simpleTokensMu sync.Mutex
	simpleTokens   map[string]string
	keeper         *keeper
}

func (as *authStore) assignSimpleTokenToUser(user, token string) {
	as.simpleTokensMu.Lock()
	defer as.simpleTokensMu.Unlock()
	as.simpleTokens[token] = user
	as.keeper.addSimpleTokenCh <- token // bug: chan-under-lock
}

func (as *authStore) deleteToken(t string) {
	as.simpleTokensMu.Lock() // bug-partner
	defer as.simpleTokensMu.Unlock()
	delete(as.simpleTokens, t)
}

func main() {
	as := &authStore{simpleTokens: map[string]string{}}
	as.keeper = &keeper{addSimpleTokenCh: make(chan string), deleteTokenFunc: as.deleteToken, tokens: map[string]time.Time{}}
	go as.keeper.run()
	for i := 0; i < 10; i++ {
		as.assignSimpleTokenToUser("u", string(rune('a'+i)))
	}
}
