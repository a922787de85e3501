// Package inventory tracks stock per product. It has two classic bugs that
// goconc reports: a lock leaked on an error path and a map written from
// many goroutines.
package inventory

import (
	"errors"
	"sync"
)

var ErrInsufficient = errors.New("insufficient stock")

type Inventory struct {
	mu    sync.Mutex
	stock map[string]int
}

func New() *Inventory {
	return &Inventory{stock: make(map[string]int)}
}

// Reserve leaks the lock when stock is short: the next caller deadlocks.
func (inv *Inventory) Reserve(sku string, n int) error {
	inv.mu.Lock()
	if inv.stock[sku] < n {
		return ErrInsufficient
	}
	inv.stock[sku] -= n
	inv.mu.Unlock()
	return nil
}

// Restock writes the map from one goroutine per SKU without the lock.
func (inv *Inventory) Restock(skus []string, n int) {
	var wg sync.WaitGroup
	for _, sku := range skus {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inv.stock[sku] += n
		}()
	}
	wg.Wait()
}

// Level is correct: read under the lock.
func (inv *Inventory) Level(sku string) int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	return inv.stock[sku]
}
