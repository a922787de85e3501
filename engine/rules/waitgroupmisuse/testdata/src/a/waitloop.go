package a

import "sync"

type plugin struct{ name string }

func (p *plugin) restore() {}

// Add for every plugin up front, Wait inside the loop that starts them: the
// first Wait waits for goroutines the loop has not started yet.
func restorePlugins(plugins []*plugin) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func(p *plugin) {
			defer group.Done()
			p.restore()
		}(p)
		group.Wait() // want `group.Wait\(\) inside the loop that starts the goroutines it waits for, while their group.Add is made once before the loop`
	}
}

// OK: Wait after the loop.
func restoreAll(plugins []*plugin) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func(p *plugin) {
			defer group.Done()
			p.restore()
		}(p)
	}
	group.Wait()
}

// OK: one batch per iteration of the outer loop — its Add, its goroutines
// and its Wait.
func restoreBatches(batches [][]*plugin) {
	var group sync.WaitGroup
	for _, batch := range batches {
		group.Add(len(batch))
		for _, p := range batch {
			go func(p *plugin) {
				defer group.Done()
				p.restore()
			}(p)
		}
		group.Wait()
	}
}

// OK: Add, go and Wait each iteration: one goroutine at a time.
func restoreOneByOne(plugins []*plugin) {
	var group sync.WaitGroup
	for _, p := range plugins {
		group.Add(1)
		go func() {
			defer group.Done()
			p.restore()
		}()
		group.Wait()
	}
}

// OK: the loop waits for goroutines started before it, not by it.
func restoreThenPoll(plugins []*plugin, polls int) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func() {
			defer group.Done()
			p.restore()
		}()
	}
	for i := 0; i < polls; i++ {
		group.Wait()
	}
}
