package a

import (
	"testing"
	"time"
)

func stop() {}

// OK: the goroutine leaks only when the test has already failed (the timeout case calls t.Fatalf).
func TestStopsInTime(t *testing.T) {
	done := make(chan struct{})
	go func() {
		stop()
		done <- struct{}{}
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatalf("stop did not return in 1s")
	}
}

// OK: the timeout path reports a failure before giving up.
func TestStopsInTimeError(t *testing.T) {
	done := make(chan struct{})
	go func() {
		stop()
		done <- struct{}{}
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Error("stop did not return in 1s")
	}
}

// The leak on a passing path is still reported.
func TestLeaksOnSuccess(t *testing.T) {
	done := make(chan struct{})
	go func() {
		stop()
		done <- struct{}{} // want "goroutine may block forever on `done <- struct{}{}`"
	}()
	if testing.Short() {
		return
	}
	<-done
}
