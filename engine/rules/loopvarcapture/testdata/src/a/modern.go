//go:build go1.22

// The same code in a Go 1.22 file: each iteration has its own variable.
package a

import (
	"fmt"
	"sync"
)

// OK: per-iteration loop variables since Go 1.22.
func printAllModern(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(item)
		}()
		fmt.Println("started")
	}
	wg.Wait()
}
