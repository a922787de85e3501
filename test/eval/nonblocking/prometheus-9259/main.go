// Reproduces: prometheus/prometheus#9259 https://github.com/prometheus/prometheus/pull/9259 (release cherry-pick #9263)
// Kind: shared-var
// Expected: unsynchronized-shared-write
//
// TSDB head loadWAL: the per-shard decoding goroutines assign the enclosing
// function's err variable, which the main loop also assigns ("caused by
// reusing the same error var in multiple goroutines").
package main

import (
	"errors"
	"sync"
)

func decode(rec int) (int, error) {
	if rec < 0 {
		return 0, errors.New("corrupt")
	}
	return rec, nil
}

func loadWAL(records []int, shards int) error {
	var err error
	var wg sync.WaitGroup
	inputs := make([]chan int, shards)
	for i := range inputs {
		inputs[i] = make(chan int)
		wg.Add(1)
		go func(in <-chan int) {
			defer wg.Done()
			for r := range in {
				_, err = decode(r) // bug: shared-var
			}
		}(inputs[i])
	}
	for i, r := range records {
		var v int
		v, err = decode(r) // bug-partner
		inputs[i%shards] <- v
	}
	for _, in := range inputs {
		close(in)
	}
	wg.Wait()
	return err
}

func main() { _ = loadWAL([]int{1, 2, 3, -1}, 2) }
