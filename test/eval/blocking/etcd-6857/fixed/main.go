// Fixed version of etcd-io/etcd#6857: Status selects on n.done.
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
			return
		}
	}
}

func (n *node) Status() Status {
	c := make(chan Status)
	select {
	case n.status <- c: // fixed
		return <-c
	case <-n.done:
		return Status{}
	}
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
