package a

import "sync"

// A goroutine counted by cc.wg ranges over the balancer's address channel,
// reached through a getter; nothing in the package closes it, so the range
// never ends and Close's Wait never returns.
type balancer struct {
	mu     sync.Mutex
	addrCh chan []string
	done   bool
}

func (b *balancer) Notify() <-chan []string { return b.addrCh }

func (b *balancer) Close() {
	b.mu.Lock()
	b.done = true
	b.mu.Unlock()
}

type clientConn struct {
	b  *balancer
	wg sync.WaitGroup
}

func (cc *clientConn) lbWatcher() {
	defer cc.wg.Done()
	for addrs := range cc.b.Notify() { // want "`range cc.b.Notify\\(\\)` never ends: nothing in the package closes balancer.addrCh, and this goroutine's Done is awaited by cc.wg.Wait\\(\\)"
		_ = addrs
	}
}

func (cc *clientConn) Close() {
	cc.b.addrCh <- []string{"a"}
	cc.b.Close()
	cc.wg.Wait()
}

func newClientConn() *clientConn {
	cc := &clientConn{b: &balancer{addrCh: make(chan []string)}}
	cc.wg.Add(1)
	go cc.lbWatcher()
	return cc
}

// OK: Stop closes the jobs channel before waiting.
type workerPool struct {
	jobs chan int
	wg   sync.WaitGroup
}

func (p *workerPool) work() {
	defer p.wg.Done()
	for j := range p.jobs {
		_ = j
	}
}

func (p *workerPool) Submit(j int) { p.jobs <- j }

func (p *workerPool) Stop() {
	close(p.jobs)
	p.wg.Wait()
}

// OK: nobody waits for the ranging goroutine (it lives as long as the process).
type logger struct {
	lines chan string
}

func (l *logger) run() {
	for s := range l.lines {
		_ = s
	}
}

func (l *logger) Print(s string) { l.lines <- s }

// OK: the channel is handed out as a bidirectional channel: whoever gets it
// may close it.
type feed struct {
	items chan int
	wg    sync.WaitGroup
}

func (f *feed) Items() chan int { return f.items }

func (f *feed) consume() {
	defer f.wg.Done()
	for it := range f.items {
		_ = it
	}
}

func (f *feed) Push(v int) { f.items <- v }

func (f *feed) Wait() { f.wg.Wait() }

// OK: a channel of the same type is closed through a parameter: it may be
// this field.
type ticks struct {
	c  chan int64
	wg sync.WaitGroup
}

func (t *ticks) count() {
	defer t.wg.Done()
	for v := range t.c {
		_ = v
	}
}

func (t *ticks) Tick(v int64) { t.c <- v }

func (t *ticks) Wait() { t.wg.Wait() }

func stopTicks(c chan int64) { close(c) }
