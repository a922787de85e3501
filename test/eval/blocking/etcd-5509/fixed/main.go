// Fixed version of etcd-io/etcd#5509: RUnlock is deferred.
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
	r.mu.RLock() // fixed
	defer r.mu.RUnlock()
	if r.closed {
		return "", errors.New("client closed") // fixed
	}
	return r.data[key], nil
}

func (r *remoteClient) Close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
}

func main() {
	r := &remoteClient{data: map[string]string{}}
	r.Close()
	_, _ = r.Get("a")
	r.Close()
}
