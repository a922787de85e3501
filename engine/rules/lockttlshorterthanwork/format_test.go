package lockttlshorterthanwork

import "testing"

// The durations in messages (kept from the TypeScript rule's duration reader).
func TestFormatDuration(t *testing.T) {
	for ns, want := range map[int64]string{150e9: "150s", 2500e6: "2500ms", 3600e9: "1h", 60e9: "1m", 1500: "1500ns"} {
		if got := formatDuration(ns); got != want {
			t.Errorf("formatDuration(%d) = %q, want %q", ns, got, want)
		}
	}
}
