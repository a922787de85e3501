//go:build go1.21

package a

import (
	"fmt"
	"sync"
	"time"
)

// Not the loop's last statement, so go vet's loopclosure does not see it.
func printAll(items []string) {
	var wg sync.WaitGroup
	for _, item := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(item) // want "the goroutine captures loop variable `item`: before Go 1.22"
		}()
		fmt.Println("started")
	}
	wg.Wait()
}

func closeAll(files []*File) {
	for i := 0; i < len(files); i++ {
		defer func() {
			files[i].Close() // want "the deferred closure captures loop variable `i`"
		}()
		fmt.Println("deferred")
	}
}

// Both range variables, each reported once, at its first use.
func keysAndValues(m map[string]int) {
	for k, v := range m {
		go func() {
			fmt.Println(k, v) // want "captures loop variable `k`" "captures loop variable `v`"
			fmt.Println(k)
		}()
	}
}

// sync.WaitGroup.Go and time.AfterFunc start the closure later too.
func viaGoAndAfterFunc(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() {
			fmt.Println(id) // want "the goroutine captures loop variable `id`"
		})
		time.AfterFunc(time.Second, func() {
			fmt.Println(id) // want "the callback captures loop variable `id`"
		})
	}
	wg.Wait()
}

// Closures kept past the iteration: all of them see the last value.
func handlers(names []string) []func() {
	var out []func()
	byName := map[string]func(){}
	for _, n := range names {
		out = append(out, func() { fmt.Println(n) })   // want "the stored closure captures loop variable `n`"
		byName[n] = func() { fmt.Println("hello", n) } // want "the stored closure captures loop variable `n`"
	}
	return out
}

// A wait that some path skips (continue) does not order the goroutine.
func skipsWait(jobs []int, skip func(int) bool) {
	for _, j := range jobs {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(j) // want "the goroutine captures loop variable `j`"
		}()
		if skip(j) {
			continue
		}
		wg.Wait()
	}
}

// An outer loop's variable captured in an inner loop.
func nested(rows [][]int) {
	for r, row := range rows {
		for _, cell := range row {
			go func() {
				fmt.Println(r, cell) // want "captures loop variable `r`" "captures loop variable `cell`"
			}()
		}
	}
}

// The body changes i: the copy would hide the change from the loop, so no fix.
func stride(n int) {
	for i := 0; i < n; i++ {
		go func() {
			fmt.Println(i) // want "the goroutine captures loop variable `i`"
		}()
		i++
	}
}

type File struct{ name string }

func (f *File) Close() { fmt.Println("close", f.name) }
