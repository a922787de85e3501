package a

import (
	"sync"
	"time"

	"example.com/go121/lib"
)

func deferred(done <-chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-done:
			return
		}
	}
}

func stoppedByHand(n int) {
	t := time.NewTicker(time.Second)
	for i := 0; i < n; i++ {
		<-t.C
	}
	t.Stop()
}

func deferredClosure() {
	t := time.NewTicker(time.Second)
	defer func() {
		t.Stop()
	}()
	<-t.C
}

func methodValue() {
	t := time.NewTicker(time.Second)
	stop := t.Stop
	defer stop()
	<-t.C
}

func stopTicker(t *time.Ticker) { t.Stop() }

func stoppedInCallee() {
	t := time.NewTicker(time.Second)
	<-t.C
	stopTicker(t)
}

// Reassigned, captured by a closure: the variable lives on the heap.
func reassigned(d time.Duration) {
	var t *time.Ticker
	t = time.NewTicker(d)
	defer func() { t.Stop() }()
	t = time.NewTicker(2 * d)
	<-t.C
}

func goroutineStops(done chan struct{}) {
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
			case <-done:
				return
			}
		}
	}()
}

// Escapes.
type S struct {
	mu     sync.Mutex
	ticker *time.Ticker
}

var global *time.Ticker

func (s *S) start() { s.ticker = time.NewTicker(time.Second) }

func newTicker() *time.Ticker { return time.NewTicker(time.Second) }

func toGlobal() { global = time.NewTicker(time.Second) }

func toMap(m map[string]*time.Ticker) { m["x"] = time.NewTicker(time.Second) }

func toSlice(ts []*time.Ticker) []*time.Ticker {
	return append(ts, time.NewTicker(time.Second))
}

func sent(ch chan *time.Ticker) { ch <- time.NewTicker(time.Second) }

func asInterface() any { return time.NewTicker(time.Second) }

func toOtherPackage() {
	t := time.NewTicker(time.Second)
	lib.Keep(t)
}

func toDynamicCall() {
	t := time.NewTicker(time.Second)
	hand(t)
}

var hand = func(t *time.Ticker) {} // a dynamic call

// Runs for the process's life: never returns.
func forever(work func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		work()
	}
}

func foreverTick(work func()) {
	for range time.Tick(time.Second) {
		work()
	}
}

// A goroutine that never returns keeps its ticker in use.
func foreverGoroutine(work func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
			work()
		}
	}()
}

// A timer fires once and is then collectable: not reported.
func timer() {
	t := time.NewTimer(time.Second)
	_ = t
}

func init() {
	t := time.NewTicker(time.Second)
	go func() {
		for {
			<-t.C
		}
	}()
	_ = time.Tick(time.Second)
}
