// Reproduces: cockroachdb/cockroach#18101 https://github.com/cockroachdb/cockroach/pull/18101 (GoBench goker cockroach/18101)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send, select-without-cancel
//
// RESTORE: a goroutine feeds spans to the import workers through an
// unbuffered channel with plain sends; when an import fails the consumer
// returns with the error (cancelling ctx), and the feeder blocks forever.
package main

import (
	"context"
	"errors"
)

func restore(ctx context.Context, spans []int) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	readyForImportCh := make(chan int)
	go func() {
		for _, s := range spans { // bug-partner
			readyForImportCh <- s // bug: send-no-partner
		}
		close(readyForImportCh)
	}()
	for s := range readyForImportCh {
		if s == 2 {
			return errors.New("import failed") // bug-partner
		}
	}
	return nil
}

func main() { _ = restore(context.Background(), []int{1, 2, 3, 4}) }
