// Fixed version of cockroachdb/cockroach#18101: the feeder selects on ctx.Done().
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
		defer close(readyForImportCh)
		for _, s := range spans { // fixed
			select {
			case readyForImportCh <- s: // fixed
			case <-ctx.Done():
				return
			}
		}
	}()
	for s := range readyForImportCh {
		if s == 2 {
			return errors.New("import failed")
		}
	}
	return nil
}

func main() { _ = restore(context.Background(), []int{1, 2, 3, 4}) }
