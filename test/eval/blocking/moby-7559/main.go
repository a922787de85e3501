// Reproduces: moby/moby#7559 https://github.com/moby/moby/pull/7559 (GoBench goker moby/7559)
// Kind: missing-unlock
// Expected: lock-without-unlock
//
// PortMapper.Map locks pm.lock and returns the allocation error without
// unlocking; the next Map or Unmap blocks forever.
package main

import (
	"errors"
	"sync"
)

type PortMapper struct {
	lock            sync.Mutex
	currentMappings map[string]int
}

func allocate(port int) (int, error) {
	if port == 0 {
		return 0, errors.New("no port")
	}
	return port, nil
}

func (pm *PortMapper) Map(key string, port int) (int, error) {
	pm.lock.Lock() // bug-partner
	p, err := allocate(port)
	if err != nil {
		return 0, err // bug: missing-unlock
	}
	pm.currentMappings[key] = p
	pm.lock.Unlock()
	return p, nil
}

func (pm *PortMapper) Unmap(key string) {
	pm.lock.Lock() // bug-partner
	defer pm.lock.Unlock()
	delete(pm.currentMappings, key)
}

func main() {
	pm := &PortMapper{currentMappings: map[string]int{}}
	_, _ = pm.Map("a", 0)
	pm.Unmap("a")
}
