package a

import "sync"

// OK: the sender closes after its last send.
func gen(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}

// OK: senders finish, then one goroutine closes after wg.Wait().
func fanIn(inputs []int) []int {
	results := make(chan int)
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- in * 2
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// OK: closing once is guarded by sync.Once.
type Closer struct {
	once sync.Once
	done chan struct{}
}

func (c *Closer) Close() {
	c.once.Do(func() { close(c.done) })
}

// OK: the channel is replaced between the closes.
type Restartable struct{ stop chan struct{} }

func (r *Restartable) Restart() {
	close(r.stop)
	r.stop = make(chan struct{})
	close(r.stop)
}

// OK: closes on exclusive branches.
func finishOnce(ch chan int, failed bool) {
	if failed {
		close(ch)
		return
	}
	ch <- 1
	close(ch)
}

// OK: the receiver counts every sender's answer before closing.
func gather(n int) int {
	ch := make(chan int)
	for i := 0; i < n; i++ {
		go func() { ch <- i }()
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	close(ch)
	return sum
}

// OK: each iteration makes its own channel, closed by its own goroutine.
func perIteration(n int, work func(int)) {
	for i := 0; i < n; i++ {
		done := make(chan struct{})
		go func() {
			work(i)
			close(done)
		}()
		<-done
	}
}

// OK: each goroutine closes the channel it was handed as its own parameter.
func notifyEach(chans map[string]chan struct{}, start func(string)) {
	var wg sync.WaitGroup
	for name, ch := range chans {
		wg.Add(1)
		go func(name string, notify chan struct{}) {
			defer wg.Done()
			start(name)
			close(notify)
		}(name, ch)
	}
	wg.Wait()
}
