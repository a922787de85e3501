package a

import (
	"testing"
	"time"
)

// In a test the process is short-lived: a hint.
func TestLoop(t *testing.T) {
	in := make(chan int)
	for i := 0; i < 3; i++ {
		select {
		case <-in:
		case <-time.After(time.Millisecond): // want "creates a timer every iteration"
			t.Log("tick")
		default:
		}
	}
}
