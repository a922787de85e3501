package a

import (
	"sync"
	"time"
)

// OK: the seed's worker pool: Add before go, defer Done, Wait then close.
func Pool(jobs <-chan int, results chan<- int, workers int) {
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * 2
			}
		}()
	}
	wg.Wait()
	close(results)
}

// OK: all Adds happen before the goroutine that waits is started.
func Fan(items []int) <-chan int {
	var wg sync.WaitGroup
	out := make(chan int, len(items))
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- it
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// OK: every early return calls Done first.
func Each(xs []int, f func(int) bool) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			if !f(x) {
				wg.Done()
				return
			}
			f(x + 1)
			wg.Done()
		}()
	}
	wg.Wait()
}

// OK: a goroutine that adds work for *other* goroutines it starts.
func Tree(depth int, wg *sync.WaitGroup) {
	defer wg.Done()
	if depth == 0 {
		return
	}
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go Tree(depth-1, wg)
	}
}

// OK: a counted goroutine adding work for the goroutines it starts.
func Nested(n int, work func(int)) {
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			work(i)
			wg.Add(2)
			for j := 0; j < 2; j++ {
				go func() {
					defer wg.Done()
					work(j)
				}()
			}
		}()
	}
	wg.Wait()
}

// OK (issue 15): the Wait runs in a goroutine started by a deferred closure,
// that is when Shutdown returns, after every Add.
func Shutdown(stops []func()) {
	var wg sync.WaitGroup
	defer func() { go func() { wg.Wait() }() }()
	for _, stop := range stops {
		wg.Add(1)
		go func() { defer wg.Done(); stop() }()
	}
}

// OK: the starter holds a count of its own until every Add is done, so the
// waiter cannot see zero early.
func Stream(items []int, out chan<- int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		wg.Wait()
		close(out)
	}()
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- it
		}()
	}
	wg.Done()
}

// OK: Done is handed to a helper on the early path.
func finish(wg *sync.WaitGroup) { wg.Done() }

func Helper(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			if x == 0 {
				finish(&wg)
				return
			}
			wg.Done()
		}()
	}
	wg.Wait()
}

// OK: a deferred closure calls Done.
func DeferredClosure(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer func() { wg.Done() }()
			if x == 0 {
				return
			}
		}()
	}
	wg.Wait()
}

// OK: WaitGroup.Go counts and calls Done itself.
func GoOnce(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(j)
	}
	wg.Wait()
}

// OK: a Wait with no Add returns at once; a WaitGroup handed to another
// function may be Done there.
func NoAdd() {
	var wg sync.WaitGroup
	wg.Wait()
}

func Handed(start func(*sync.WaitGroup)) {
	var wg sync.WaitGroup
	wg.Add(1)
	start(&wg)
	wg.Wait()
}

// OK: a type of its own with Add/Done/Wait is not a sync.WaitGroup.
type Counter struct{ n int }

func (c *Counter) Add(n int) { c.n += n }
func (c *Counter) Done()     { c.n-- }
func (c *Counter) Wait()     {}

func UseCounter(xs []int) {
	var c Counter
	for range xs {
		go func() {
			c.Add(1)
			c.Done()
		}()
	}
	c.Wait()
}

// OK: a long-lived worker counting the items in flight, so that a caller
// can wait for the current ones.
func InFlight(items <-chan int, inflight *sync.WaitGroup, handle func(int)) {
	go func() {
		for it := range items {
			inflight.Add(1)
			handle(it)
			inflight.Done()
		}
	}()
}

// OK: the waiter is held back until the producer has added everything.
func Gated(items []int, out chan<- int) {
	var wg sync.WaitGroup
	added := make(chan struct{})
	go func() {
		<-added
		wg.Wait()
		close(out)
	}()
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- it
		}()
	}
	close(added)
}

// OK: one Done per item received; no item, no Done owed.
func PerItem(results <-chan int, wg *sync.WaitGroup, handle func(int)) {
	go func() {
		for r := range results {
			handle(r)
			wg.Done()
		}
	}()
}

// OK: a start barrier orders every goroutine's Add before the Wait (the
// starter waits for started.Done, which each goroutine calls after its Add).
func Barrier(names []string, run func(string)) {
	var wg, started sync.WaitGroup
	start := func(name string) {
		wg.Add(1)
		defer wg.Done()
		started.Done()
		run(name)
	}
	started.Add(len(names))
	for _, n := range names {
		go start(n)
	}
	started.Wait()
	wg.Wait()
}

// OK: the ticker's channel is never closed, so the range loop ends only
// through the case that calls Done.
func Ticking(stop <-chan struct{}, wg *sync.WaitGroup, tick func()) {
	wg.Add(1)
	go func() {
		t := time.NewTicker(time.Millisecond)
		for range t.C {
			select {
			case <-stop:
				wg.Done()
				return
			default:
			}
			tick()
		}
	}()
}
