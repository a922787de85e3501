package a

import "time"

// The timeout return leaves the pending token in: after enough timeouts
// every Maybe blocks on its send.
type Breaker struct {
	pendingRequests chan struct{}
	activeRequests  chan struct{}
}

func NewBreaker() *Breaker {
	return &Breaker{pendingRequests: make(chan struct{}, 2), activeRequests: make(chan struct{}, 1)}
}

func (b *Breaker) Maybe(thunk func(), timeout time.Duration) bool {
	select {
	case b.pendingRequests <- struct{}{}: // want `a token sent into b.pendingRequests \(a buffered channel used as a semaphore\) is not received back on 1 return path\(s\)`
	default:
		return false
	}
	select {
	case b.activeRequests <- struct{}{}:
	case <-time.After(timeout):
		return false
	}
	defer func() {
		<-b.activeRequests
		<-b.pendingRequests
	}()
	thunk()
	return true
}

// OK: the release is deferred right after the acquire.
type Limiter struct {
	slots chan struct{}
}

func NewLimiter(n int) *Limiter { return &Limiter{slots: make(chan struct{}, 4)} }

func (l *Limiter) Do(f func() error) error {
	l.slots <- struct{}{}
	defer func() { <-l.slots }()
	return f()
}

// OK: every path gives the token back, one through a method.
func (l *Limiter) release() { <-l.slots }

func (l *Limiter) Try(f func() error) error {
	select {
	case l.slots <- struct{}{}:
	default:
		return nil
	}
	if err := f(); err != nil {
		l.release()
		return err
	}
	<-l.slots
	return nil
}

// OK: the token goes with the goroutine, which gives it back.
func (l *Limiter) Go(f func()) {
	l.slots <- struct{}{}
	go func() {
		defer func() { <-l.slots }()
		f()
	}()
}

// OK: an unbuffered channel is a hand-off, not a semaphore.
type Relay struct {
	ch chan int
}

func NewRelay() *Relay { return &Relay{ch: make(chan int)} }

func (r *Relay) Ping(v int) int {
	r.ch <- v
	if v < 0 {
		return 0
	}
	return <-r.ch
}

// OK: a bounded queue of entries, not tokens: the entry is for the consumer
// (nats-server's MQTT ack pipeline drains it again only when stopped).
type entry struct{ id int }

type pipeline struct {
	q    chan *entry
	quit chan struct{}
}

func newPipeline() *pipeline { return &pipeline{q: make(chan *entry, 8), quit: make(chan struct{})} }

func (p *pipeline) push(e *entry) error {
	p.q <- e
	select {
	case <-p.quit:
		for len(p.q) > 0 {
			<-p.q
		}
		return nil
	default:
	}
	return nil
}

// OK: a one-slot notification, drained before it is refilled: nothing is
// given back after the send.
type notifier struct {
	kick chan struct{}
}

func newNotifier() *notifier { return &notifier{kick: make(chan struct{}, 1)} }

func (n *notifier) notify() {
	for {
		select {
		case n.kick <- struct{}{}:
			return
		default:
			select {
			case <-n.kick:
			default:
			}
		}
	}
}
