package a

import (
	"errors"
	"log"
	"sync"
	"time"
)

func Process(items []int, handle func(int)) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func() {
			wg.Add(1) // want `wg.Add inside the goroutine it counts`
			defer wg.Done()
			handle(it)
		}()
	}
	wg.Wait()
}

func Collect(items []int) []int {
	var wg sync.WaitGroup
	results := make(chan int)
	go func() {
		wg.Wait()
		close(results)
	}()
	for _, it := range items {
		wg.Add(1) // want `wg.Add after a goroutine started wg.Wait\(\) \(line 26\)`
		go func() {
			defer wg.Done()
			results <- it * 2
		}()
	}
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

func Fetch(urls []string, get func(string) error) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			if u == "" {
				return
			}
			if err := get(u); err != nil {
				return
			}
			wg.Done() // want `2 return path\(s\) leave before wg.Done\(\)`
		}()
	}
	wg.Wait()
}

var errEmpty = errors.New("empty")

func Check(xs []int) error {
	if len(xs) == 0 {
		return errEmpty
	}
	return nil
}

// A named function started by go, counting itself through its parameter.
func work(wg *sync.WaitGroup, n int) {
	wg.Add(1) // want `wg.Add inside the goroutine it counts`
	defer wg.Done()
	_ = n
}

func StartWork(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		go work(&wg, i)
	}
	wg.Wait()
}

// A WaitGroup in a struct field, Done only when ok: falling off the end
// skips it.
type Server struct {
	wg sync.WaitGroup
}

func (s *Server) Serve(conns []func() bool) {
	for _, c := range conns {
		s.wg.Add(1)
		go func() {
			if c() {
				s.wg.Done() // want `1 return path\(s\) leave before s.wg.Done\(\)`
			}
		}()
	}
	s.wg.Wait()
}

// Nothing ever calls Done: Wait blocks forever after the Add (on every path: an error).
func Forever(f func()) {
	var done sync.WaitGroup
	done.Add(1)
	go f()
	done.Wait() // want `done.Wait\(\) waits for Done calls that never come`
}

// Done inside a function run by WaitGroup.Go (Go 1.25), which calls Done itself.
func GoTwice(jobs []func()) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Go(func() {
			defer wg.Done() // want `Done inside a function run by wg.Go`
			j()
		})
	}
	wg.Wait()
}

// The trailing Done can become a defer; log.Fatal ends its path (no return skips it there).
func Fatal(xs []int, ok func(int) bool) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			if x < 0 {
				log.Fatal("negative")
			}
			if !ok(x) {
				return
			}
			wg.Done() // want `1 return path\(s\) leave before wg.Done\(\)`
		}()
	}
	wg.Wait()
}

// A bounded loop can end without the cancellation case: Done is skipped.
func Bounded(stop <-chan struct{}, wg *sync.WaitGroup, tick func()) {
	wg.Add(1)
	go func() {
		t := time.NewTicker(time.Millisecond)
		for i := 0; i < 100; i++ {
			select {
			case <-stop:
				wg.Done() // want `1 return path\(s\) leave before wg.Done\(\)`
				return
			case <-t.C:
				tick()
			}
		}
	}()
}

// wg.Go counts like an Add: after the waiter started, it races with Wait.
func GoAfterWaiter(jobs []func(), out chan<- struct{}) {
	var wg sync.WaitGroup
	go func() {
		wg.Wait()
		close(out)
	}()
	for _, j := range jobs {
		wg.Go(j) // want `wg.Go after a goroutine started wg.Wait\(\)`
	}
}
