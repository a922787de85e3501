package a

import "sync"

// A field of a struct the starter shares with the goroutine through a
// pointer, written in a method the goroutine calls and read by the starter
// in another before it waits.
type poller struct {
	state string
	count int
}

func (p *poller) loop() { p.step() }

func (p *poller) step() {
	p.state = "polling" // want "`p.state` is written in a goroutine and accessed by the starting function"
}

func (p *poller) current() string { return p.state }

func startPoller() string {
	p := &poller{}
	go p.loop()
	return p.current()
}

// A captured pointer, and another goroutine of the same starter.
func twoPollers() {
	p := &poller{}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		p.step()
	}()
	go func() {
		defer wg.Done()
		_ = p.current()
	}()
	wg.Wait()
}

// The negatives use a type of their own: a write reported once (above)
// would hide a second report on the same line.
type quietPoller struct{ state string }

func (p *quietPoller) loop() { p.state = "polling" }

func (p *quietPoller) current() string { return p.state }

// Negative: the struct is made inside the goroutine.
func ownPoller() {
	go func() {
		p := &quietPoller{}
		p.loop()
		_ = p.current()
	}()
}

// Negative: each goroutine is given its own poller, in a slice or made in
// the loop.
func perPoller(ps []*quietPoller) {
	for _, p := range ps {
		go p.loop()
	}
	for i := 0; i < 3; i++ {
		p := &quietPoller{}
		go p.loop()
	}
}

// Negative: the starter reads after wg.Wait, or after a receive.
func pollerAfterWait() string {
	p := &quietPoller{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		p.loop()
	}()
	wg.Wait()
	return p.current()
}

func pollerAfterReceive() string {
	p := &quietPoller{}
	done := make(chan struct{})
	go func() {
		p.loop()
		close(done)
	}()
	<-done
	return p.current()
}

// Negative: handed off over a channel.
func pollerHandOff() {
	ch := make(chan *quietPoller)
	go func() {
		p := <-ch
		p.loop()
	}()
	ch <- &quietPoller{}
}

// Negative: both sides hold the struct's lock.
type lockedPoller struct {
	mu    sync.Mutex
	state string
}

func (p *lockedPoller) set(s string) {
	p.mu.Lock()
	p.state = s
	p.mu.Unlock()
}

func (p *lockedPoller) get() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stateLocked()
}

func (p *lockedPoller) stateLocked() string { return p.state }

func runLockedPoller() string {
	p := &lockedPoller{}
	go p.set("a")
	return p.get()
}
