// Reproduces: etcd-io/etcd#7902 https://github.com/etcd-io/etcd/pull/7902 (GoBench goker etcd/7902)
// Kind: wait-no-done
// Expected: waitgroup-misuse, goroutine-leak
//
// The leader-stress runner starts one goroutine per round that waits for a
// "ready" notification and calls wg.Done. When the run stops early on an error
// the remaining rounds never send ready, so the final wg.Wait blocks forever.
package main

import (
	"errors"
	"sync"
)

type roundClient struct {
	readyc chan struct{}
}

func runElectionFunc(rounds int, fail func(int) error) {
	var wg sync.WaitGroup
	rcs := make([]roundClient, rounds)
	for i := range rcs {
		rcs[i].readyc = make(chan struct{})
	}
	wg.Add(rounds)
	for i := range rcs {
		go func(rc roundClient) {
			defer wg.Done()
			<-rc.readyc // bug-partner
		}(rcs[i])
	}
	for i := range rcs {
		if err := fail(i); err != nil {
			break
		}
		close(rcs[i].readyc)
	}
	wg.Wait() // bug: wait-no-done
}

func main() {
	runElectionFunc(3, func(i int) error {
		if i == 1 {
			return errors.New("lost leadership")
		}
		return nil
	})
}
