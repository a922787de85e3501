//go:build go1.21

package a

import (
	"fmt"
	"sync"
)

// OK: the value is passed as an argument.
func printAllArg(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func(it string) {
			defer wg.Done()
			fmt.Println(it)
		}(item)
	}
	wg.Wait()
}

// OK: copied before the goroutine starts.
func printAllCopy(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		item := item
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(item)
		}()
	}
	wg.Wait()
}

// OK: a closure called synchronously.
func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		func() { total += x }()
	}
	return total
}

// OK: the goroutines of one iteration are waited for before the variable changes.
func batches(n int, run func(int)) {
	for i := 0; i < n; i += 100 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(i)
		}()
		wg.Wait()
	}
}

// OK: a receive every path passes; an early return leaves the loop.
func handshake(xs []int) error {
	for _, x := range xs {
		done := make(chan error)
		go func() { done <- check(x) }()
		if err := <-done; err != nil {
			return err
		}
	}
	return nil
}

// OK: the loop ends right after the goroutine starts.
func firstMatch(xs []int, want int) {
	for _, x := range xs {
		if x == want {
			go func() { fmt.Println("found", x) }()
			break
		}
	}
	for i := 0; i < 3; i++ {
		defer func() { fmt.Println(i) }()
		return
	}
}

// OK: a closure kept in the body's own variable, and the last one kept in a
// single variable (the last value in every version).
func keepLast(xs []string) func() {
	var last func()
	for _, x := range xs {
		local := []func(){}
		local = append(local, func() { fmt.Println(x) })
		local[0]()
		last = func() { fmt.Println(x) }
	}
	return last
}

// OK: the literal's own parameter of the same name.
func shadowed(xs []int) {
	for _, x := range xs {
		go func(x int) { fmt.Println(x) }(x)
	}
}

// OK: a loop over variables declared before it has one variable in every
// version; the race on them is unsynchronized-shared-write's.
func predeclared(xs []int) {
	var x int
	for _, x = range xs {
		defer fmt.Println(x)
	}
}

func check(int) error { return nil }
