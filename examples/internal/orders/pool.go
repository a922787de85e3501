package orders

import (
	"context"
	"sync"
)

// Pool is the corrected form: a fixed number of workers and results on a
// channel, as in the seed's worker pool.
type Pool struct {
	workers int
}

func NewPool(workers int) *Pool { return &Pool{workers: workers} }

func (p *Pool) Process(ctx context.Context, batch []Order) int {
	jobs := make(chan Order)
	results := make(chan error, len(batch))
	var wg sync.WaitGroup
	for i := 0; i < p.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range jobs {
				results <- charge(ctx, o)
			}
		}()
	}
	for _, o := range batch {
		jobs <- o
	}
	close(jobs)
	wg.Wait()
	close(results)
	charged := 0
	for err := range results {
		if err == nil {
			charged++
		}
	}
	return charged
}
