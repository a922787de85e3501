package a

import (
	"testing"
	"time"
)

func TestBackgroundLog(t *testing.T) {
	go func() {
		time.Sleep(10 * time.Millisecond)
		t.Log("finished") // want "the goroutine uses `t` but the test never waits for it"
	}()
}

// OK: the test waits for the goroutine.
func TestWaited(t *testing.T) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		t.Log("working")
	}()
	<-done
}

// OK: subtests get their own t.
func TestSub(t *testing.T) {
	t.Run("x", func(t *testing.T) {
		t.Log("in subtest")
	})
}

type server struct{}

func (server) Serve() error { return nil }

// OK: the failure report sits on an error branch: it fires only when Serve already failed.
func TestServeInBackground(t *testing.T) {
	s := server{}
	go func() {
		if err := s.Serve(); err != nil {
			t.Errorf("Serve() failed: %v", err)
		}
	}()
}
