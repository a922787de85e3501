// Fixed version of prometheus/prometheus#9259: each goroutine declares its own err.
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
				if _, err := decode(r); err != nil { // fixed
					return
				}
			}
		}(inputs[i])
	}
	for i, r := range records {
		var v int
		v, err = decode(r)
		inputs[i%shards] <- v
	}
	for _, in := range inputs {
		close(in)
	}
	wg.Wait()
	return err
}

func main() { _ = loadWAL([]int{1, 2, 3, -1}, 2) }
