package orders

import (
	"context"
	"testing"
)

// Run it with the race detector (goconc: Run tests with the race detector, or
// `go test -race ./internal/orders`): the unsynchronised `charged++` in
// ProcessBatch is reported as a DATA RACE on that line.
func TestProcessBatch(t *testing.T) {
	batch := []Order{{ID: 1, Total: 10}, {ID: 2, Total: 20}, {ID: 3, Total: 30}}
	if got := ProcessBatch(context.Background(), batch); got > len(batch) {
		t.Fatalf("charged %d of %d orders", got, len(batch))
	}
}
