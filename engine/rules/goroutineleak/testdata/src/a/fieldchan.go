package a

import (
	"context"
	"time"
)

// istio#17860: the exiting epoch reports on the agent's unbuffered field
// channel; Run returns on ctx.Done() without receiving.
type agent struct {
	statusCh chan int
}

func (a *agent) runWait(epoch int) {
	time.Sleep(time.Millisecond)
	a.statusCh <- epoch // want "goroutine may block forever on `a.statusCh <- epoch`: the field `statusCh` holds an unbuffered channel that only Run receives from, and it can return without receiving \\(line 26\\)"
}

func (a *agent) Run(ctx context.Context) {
	go a.runWait(0)
	for {
		select {
		case st := <-a.statusCh:
			_ = st
		case <-ctx.Done():
			return
		}
	}
}

func NewAgent() *agent { return &agent{statusCh: make(chan int)} }

// OK: the sender gives up when the context ends.
type agent2 struct {
	statusCh chan int
}

func (a *agent2) runWait(ctx context.Context, epoch int) {
	select {
	case a.statusCh <- epoch:
	case <-ctx.Done():
	}
}

func (a *agent2) Run(ctx context.Context) {
	go a.runWait(ctx, 0)
	select {
	case <-a.statusCh:
	case <-ctx.Done():
	}
}

func NewAgent2() *agent2 { return &agent2{statusCh: make(chan int)} }

// OK: a buffered field channel has room for the one report.
type agent3 struct {
	statusCh chan int
}

func (a *agent3) runWait() { a.statusCh <- 1 }

func (a *agent3) Run(ctx context.Context) {
	go a.runWait()
	select {
	case <-a.statusCh:
	case <-ctx.Done():
	}
}

func NewAgent3() *agent3 { return &agent3{statusCh: make(chan int, 1)} }

// OK: another method receives from the field too; the report may be taken
// there.
type agent4 struct {
	statusCh chan int
}

func (a *agent4) runWait() { a.statusCh <- 1 }

func (a *agent4) Run(ctx context.Context) {
	go a.runWait()
	select {
	case <-a.statusCh:
	case <-ctx.Done():
	}
}

func (a *agent4) Drain() { <-a.statusCh }

func NewAgent4() *agent4 { return &agent4{statusCh: make(chan int)} }

// OK: the starter always receives.
type agent5 struct {
	statusCh chan int
}

func (a *agent5) runWait() { a.statusCh <- 1 }

func (a *agent5) Run() int {
	go a.runWait()
	return <-a.statusCh
}

func NewAgent5() *agent5 { return &agent5{statusCh: make(chan int)} }

// grpc#1353: the watcher sends address updates forever; the only receiver
// returns when the connection closes.
type balancer struct {
	addrCh chan []string
	closed chan struct{}
}

func (b *balancer) watchAddrs() {
	for {
		b.addrCh <- []string{"a"} // want "`b.addrCh <- \\[\\]string{\"a\"}` may block forever: the only receiver of `addrCh`, lbWatcher, can stop receiving and return"
	}
}

func (b *balancer) lbWatcher() {
	for {
		select {
		case addrs := <-b.addrCh:
			_ = addrs
		case <-b.closed:
			return
		}
	}
}

func StartBalancer() *balancer {
	b := &balancer{addrCh: make(chan []string), closed: make(chan struct{})}
	go b.watchAddrs()
	go b.lbWatcher()
	return b
}

// OK: the sender closes the stop channel itself when its stream ends, so the
// receiver stops only after the last value.
type feeder struct {
	items chan int
	done  chan struct{}
}

func (f *feeder) feed(xs []int) {
	for _, x := range xs {
		f.items <- x
	}
	close(f.done)
}

func (f *feeder) consume() int {
	n := 0
	for {
		select {
		case x := <-f.items:
			n += x
		case <-f.done:
			return n
		}
	}
}

func Feed2(xs []int) int {
	f := &feeder{items: make(chan int), done: make(chan struct{})}
	go f.feed(xs)
	return f.consume()
}

// etcd#6857: Status hands a request to the run loop with a plain send; once
// Stop made run return, nobody receives.
type raftNode struct {
	status chan chan int
	stop   chan struct{}
}

func (n *raftNode) run() {
	for {
		select {
		case c := <-n.status:
			c <- 1
		case <-n.stop:
			return
		}
	}
}

func (n *raftNode) Status() int {
	c := make(chan int)
	n.status <- c // want "`n.status <- c` may block forever: the only receiver of `status`, run, can stop receiving and return"
	return <-c
}

func (n *raftNode) Stop() { close(n.stop) }

func StartNode() *raftNode {
	n := &raftNode{status: make(chan chan int), stop: make(chan struct{})}
	go n.run()
	return n
}
