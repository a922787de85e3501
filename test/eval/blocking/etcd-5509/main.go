// Reproduces: etcd-io/etcd#5509 https://github.com/etcd-io/etcd/pull/5509 (GoBench goker etcd/5509)
// Kind: missing-unlock
// Expected: lock-without-unlock, double-lock
//
// The client's Get takes the read-write lock and returns early on a closed
// client without releasing it; the next Close blocks on Lock forever.
package main

import (
	"errors"
	"sync"
)

type remoteClient struct {
	mu     sync.RWMutex
	closed bool
	data   map[string]string
}

func (r *remoteClient) Get(key string) (string, error) {
	r.mu.RLock() // bug-partner
	if r.closed {
		return "", errors.New("client closed") // bug: missing-unlock
	}
	v := r.data[key]
	r.mu.RUnlock()
	return v, nil
}

func (r *remoteClient) Close() {
	r.mu.Lock() // bug-partner
	r.closed = true
	r.mu.Unlock()
}

func main() {
	r := &remoteClient{data: map[string]string{}}
	r.Close()
	_, _ = r.Get("a")
	r.Close()
}
