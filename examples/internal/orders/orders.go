// Package orders processes incoming orders. ProcessBatch starts a goroutine
// per order with no limit and counts results without synchronisation.
package orders

import (
	"context"
	"sync"
	"time"
)

type Order struct {
	ID    int
	Total int
}

func charge(ctx context.Context, o Order) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}

// ProcessBatch returns how many orders were charged.
func ProcessBatch(ctx context.Context, batch []Order) int {
	charged := 0
	var wg sync.WaitGroup
	for _, o := range batch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if charge(ctx, o) == nil {
				charged++
			}
		}()
	}
	wg.Wait()
	return charged
}
