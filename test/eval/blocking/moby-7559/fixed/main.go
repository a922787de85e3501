// Fixed version of moby/moby#7559: the unlock is deferred.
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
	pm.lock.Lock() // fixed
	defer pm.lock.Unlock()
	p, err := allocate(port)
	if err != nil {
		return 0, err // fixed
	}
	pm.currentMappings[key] = p
	return p, nil
}

func (pm *PortMapper) Unmap(key string) {
	pm.lock.Lock()
	defer pm.lock.Unlock()
	delete(pm.currentMappings, key)
}

func main() {
	pm := &PortMapper{currentMappings: map[string]int{}}
	_, _ = pm.Map("a", 0)
	pm.Unmap("a")
}
