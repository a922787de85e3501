// Fixed version of moby/moby#11958: sync.Once.
package main

import "sync"

type PortMapper struct{ used map[int]bool }

var (
	portMapper     *PortMapper
	portMapperOnce sync.Once
)

func getPortMapper() *PortMapper {
	portMapperOnce.Do(func() {
		portMapper = &PortMapper{used: map[int]bool{}} // fixed
	})
	return portMapper
}

func InitDriver() { _ = getPortMapper() }

func RequestPort(p int) bool { return getPortMapper().used[p] }

func main() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); InitDriver() }()
	go func() { defer wg.Done(); _ = RequestPort(80) }()
	wg.Wait()
}
