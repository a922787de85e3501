// Reproduces: sourcegraph/srclib#219 https://github.com/sourcegraph/srclib/pull/219
// Kind: counter
// Expected: unsynchronized-shared-write
//
// The store's import runs several goroutines that each bump a package-level
// counter with a plain ++; the fix wrapped it in a mutex-guarded counter type.
package main

import "sync"

var defsImported int

func importUnit(defs []string) {
	for range defs {
		defsImported++ // bug: counter
	}
}

func importAll(units [][]string) int {
	var wg sync.WaitGroup
	for _, u := range units {
		wg.Add(1)
		go func(u []string) {
			defer wg.Done()
			importUnit(u)
		}(u)
	}
	wg.Wait()
	return defsImported // bug-partner
}

func main() { _ = importAll([][]string{{"a"}, {"b", "c"}}) }
