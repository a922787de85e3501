// Reproduces: etcd-io/etcd#6857 https://github.com/etcd-io/etcd/pull/6857 (GoBench goker etcd/6857)
// Kind: select-no-done
// Expected: select-without-cancel, goroutine-leak-blocked-send
//
// raft node.Status hands a reply channel to the run loop through n.status
// with a plain send. Once Stop made run return, nobody receives: Status blocks
// forever. The fix selects on n.done as well.
package main

type Status struct{ ID int }

type node struct {
	status chan chan Status
	stop   chan struct{}
	done   chan struct{}
}

func (n *node) run() {
	defer close(n.done)
	for {
		select {
		case c := <-n.status:
			c <- Status{ID: 1}
		case <-n.stop:
			return // bug-partner
		}
	}
}

func (n *node) Status() Status {
	c := make(chan Status)
	n.status <- c // bug: select-no-done
	return <-c
}

func (n *node) Stop() {
	close(n.stop)
	<-n.done
}

func main() {
	n := &node{status: make(chan chan Status), stop: make(chan struct{}), done: make(chan struct{})}
	go n.run()
	n.Stop()
	_ = n.Status()
}
