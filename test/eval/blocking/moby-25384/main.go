// Reproduces: moby/moby#25384 https://github.com/moby/moby/pull/25384 (the WaitGroup bug Docker#25384 discussed in Tu et al., ASPLOS'19)
// Kind: wait-misplaced
// Expected: waitgroup-misuse
//
// Plugin restore: Add(len(plugins)) up front, one goroutine per plugin, but
// group.Wait() is inside the loop: the first iteration waits for all the
// Done calls while only one goroutine has been started.
package main

import "sync"

type plugin struct{ name string }

func (p *plugin) restore() {}

func restorePlugins(plugins []*plugin) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func(p *plugin) {
			defer group.Done() // bug-partner
			p.restore()
		}(p)
		group.Wait() // bug: wait-misplaced
	}
}

func main() { restorePlugins([]*plugin{{"a"}, {"b"}}) }
