// Reproduces: kubernetes/kubernetes#5316 https://github.com/kubernetes/kubernetes/pull/5316 (GoBench goker kubernetes/5316)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// finishRequest runs the request in a goroutine and waits for its result or
// error, or a timeout. After the timeout nobody receives, so the goroutine
// blocks forever on its send.
package main

import (
	"errors"
	"time"
)

func handle() (string, error) { time.Sleep(2 * time.Millisecond); return "ok", nil }

func finishRequest(timeout time.Duration) (string, error) {
	ch := make(chan string)
	errCh := make(chan error)
	go func() {
		if result, err := handle(); err != nil {
			errCh <- err // bug: send-no-partner
		} else {
			ch <- result // bug: send-no-partner
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case err := <-errCh:
		return "", err
	case <-time.After(timeout):
		return "", errors.New("timeout") // bug-partner
	}
}

func main() { _, _ = finishRequest(time.Millisecond) }
