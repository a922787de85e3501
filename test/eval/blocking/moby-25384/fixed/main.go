// Fixed version of moby/moby#25384: Wait after the loop.
package main

import "sync"

type plugin struct{ name string }

func (p *plugin) restore() {}

func restorePlugins(plugins []*plugin) {
	var group sync.WaitGroup
	group.Add(len(plugins))
	for _, p := range plugins {
		go func(p *plugin) {
			defer group.Done()
			p.restore()
		}(p)
	}
	group.Wait() // fixed
}

func main() { restorePlugins([]*plugin{{"a"}, {"b"}}) }
