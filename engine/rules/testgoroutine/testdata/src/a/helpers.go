// Package tgar holds test helpers (in a non-test file, as shared testutil
// packages do).
package a

import (
	"sync"
	"testing"
)

func check(n int) error { return nil }

// CheckAll fails from worker goroutines: FailNow stops only the worker.
// (With testing.TB, go vet's testinggoroutine does not see it.)
func CheckAll(t testing.TB, inputs []int) {
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := check(in); err != nil {
				t.Fatalf("check(%d): %v", in, err) // want "`t.Fatalf` from a goroutine other than the test's"
			}
		}()
	}
	wg.Wait()
}

// OK: errors are reported with t.Error, and the helper waits.
func CheckAllError(t *testing.T, inputs []int) {
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := check(in); err != nil {
				t.Errorf("check(%d): %v", in, err)
			}
		}()
	}
	wg.Wait()
}
