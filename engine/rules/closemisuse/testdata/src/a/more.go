package a

import "sync"

type conn struct {
	done chan struct{}
	mu   sync.Mutex
}

func (c *conn) reset() { c.done = make(chan struct{}) }

// OK: a method of the package may put a new channel in the field between.
func (c *conn) cycle() {
	close(c.done)
	c.reset()
	close(c.done)
}

// OK: closes only when nobody else did (the select's default).
func (c *conn) closeOnce() {
	select {
	case <-c.done:
	default:
		close(c.done)
	}
}

// Two different goroutines close the same channel.
func twoClosers(work func()) chan struct{} {
	stop := make(chan struct{})
	go func() {
		work()
		close(stop)
	}()
	go func() {
		close(stop) // want "`stop` is closed by two different goroutines"
	}()
	return stop
}
