// Fixed version of sourcegraph/srclib#219: a mutex-guarded counter.
package main

import "sync"

type counter struct {
	sync.Mutex
	count int
}

func (c *counter) increment() {
	c.Lock()
	c.count++ // fixed
	c.Unlock()
}

func (c *counter) get() int {
	c.Lock()
	defer c.Unlock()
	return c.count
}

var defsImported counter

func importUnit(defs []string) {
	for range defs {
		defsImported.increment()
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
	return defsImported.get()
}

func main() { _ = importAll([][]string{{"a"}, {"b", "c"}}) }
