package a

import (
	"context"
	"net/http"
	"sync"
)

type Order struct{ ID int }

func process(o Order) {}

// The seed's "무한 고루틴 생성": one goroutine per order, however many arrive.
func ProcessAll(orders []Order) {
	var wg sync.WaitGroup
	for _, o := range orders {
		wg.Add(1)
		go func() { // want "one goroutine per element of `orders`"
			defer wg.Done()
			process(o)
		}()
	}
	wg.Wait()
}

func Consume(jobs chan Order) {
	for j := range jobs {
		go process(j) // want "one goroutine per value received from `jobs`"
	}
}

func FetchAll(urls ...string) {
	for _, u := range urls {
		go http.Get(u) // want "one goroutine per element of `urls`"
	}
}

func charge(ctx context.Context, o Order) {}

// A request-path API (exported, takes ctx): the caller's traffic decides the batch size (a warning).
func ChargeBatch(ctx context.Context, batch []Order) {
	for _, o := range batch {
		go charge(ctx, o) // want "one goroutine per element of `batch`"
	}
}
