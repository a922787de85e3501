// Fixed version of kubernetes/kubernetes#5316: both channels have a buffer of one.
package main

import (
	"errors"
	"time"
)

func handle() (string, error) { time.Sleep(2 * time.Millisecond); return "ok", nil }

func finishRequest(timeout time.Duration) (string, error) {
	ch := make(chan string, 1)
	errCh := make(chan error, 1)
	go func() {
		if result, err := handle(); err != nil {
			errCh <- err // fixed
		} else {
			ch <- result // fixed
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case err := <-errCh:
		return "", err
	case <-time.After(timeout):
		return "", errors.New("timeout")
	}
}

func main() { _, _ = finishRequest(time.Millisecond) }
