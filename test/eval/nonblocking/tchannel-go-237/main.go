// Reproduces: uber/tchannel-go#237 https://github.com/uber/tchannel-go/pull/237 (issue #236)
// Kind: atomic-mixed
// Expected: atomic-mixed-access, data-race
//
// Peer selection: the per-peer call counters are incremented with
// atomic.AddUint64 from the calling goroutines and then read with plain loads
// ("Don't read atomic variables without use the atomics package").
package main

import (
	"sync"
	"sync/atomic"
)

type peer struct {
	hostPort string
	calls    uint64
}

func (p *peer) call() { atomic.AddUint64(&p.calls, 1) } // bug-partner

func selectionCounts(peers []*peer) map[string]uint64 {
	counts := map[string]uint64{}
	for _, p := range peers {
		counts[p.hostPort] = p.calls // bug: atomic-mixed
	}
	return counts
}

func main() {
	peers := []*peer{{hostPort: "a"}, {hostPort: "b"}}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) { defer wg.Done(); peers[i%2].call() }(i)
	}
	_ = selectionCounts(peers)
	wg.Wait()
}
