// Reproduces: moby/moby#11958 https://github.com/moby/moby/pull/11958
// Kind: lazy-init
// Expected: lazy-init-race
//
// Bridge driver: the package-level port mapper is created lazily by whichever
// of InitDriver or RequestPort runs first; run concurrently they race on the
// variable ("Race between InitDriver and RequestPort could lead to panic"),
// fixed with sync.Once.
package main

import "sync"

type PortMapper struct{ used map[int]bool }

var portMapper *PortMapper

func getPortMapper() *PortMapper {
	if portMapper == nil {
		portMapper = &PortMapper{used: map[int]bool{}} // bug: lazy-init
	}
	return portMapper // bug-partner
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
