package t

import (
	"testing"
	"time"
)

// In a test the process is short-lived: information.
func TestTicker(t *testing.T) {
	tk := time.NewTicker(time.Millisecond) // want "never stopped: before Go 1.23"
	<-tk.C
}
