package a

import (
	"sync"
	"testing"
)

// OK: a test fans out over the fixed inputs it defines.
func TestFanOut(t *testing.T) {
	inputs := make([]int, 3)
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.Log(in)
		}()
	}
	wg.Wait()
}
