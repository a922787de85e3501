// Reproduces: syncthing/syncthing#5795 https://github.com/syncthing/syncthing/pull/5795 (GoBench goker syncthing/5795)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send, select-without-cancel
//
// protocol rawConnection: the reader loop hands each message to the
// dispatcher loop on the unbuffered inbox; when the dispatcher fails on a
// message it closes the connection and returns, and the reader blocks on
// its next send.
package main

import "errors"

type rawConnection struct {
	inbox  chan int
	closed chan struct{}
}

func (c *rawConnection) readerLoop() {
	for i := 0; ; i++ { // bug-partner
		c.inbox <- i // bug: send-no-partner
	}
}

func (c *rawConnection) handle(msg int) error {
	if msg == 3 {
		return errors.New("protocol error")
	}
	return nil
}

func (c *rawConnection) dispatcherLoop() {
	for msg := range c.inbox {
		if err := c.handle(msg); err != nil {
			close(c.closed)
			return // bug-partner
		}
	}
}

func main() {
	c := &rawConnection{inbox: make(chan int), closed: make(chan struct{})}
	go c.readerLoop()
	c.dispatcherLoop()
}
