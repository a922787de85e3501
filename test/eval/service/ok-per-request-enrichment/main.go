// Reproduces: service pattern: a handler that enriches one order with two concurrent lookups, each goroutine writing its own field of a per-request struct, read after Wait
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"sync"
	"time"
)

type OrderView struct {
	ID       string `json:"id"`
	Customer string `json:"customer"`
	Shipping string `json:"shipping"`
}

func lookupCustomer(ctx context.Context, orderID string) string {
	select {
	case <-ctx.Done():
		return ""
	case <-time.After(5 * time.Millisecond):
		return "customer-of-" + orderID
	}
}

func lookupShipping(ctx context.Context, orderID string) string {
	select {
	case <-ctx.Done():
		return ""
	case <-time.After(8 * time.Millisecond):
		return "in transit"
	}
}

func handleOrder(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), time.Second)
	defer cancel()
	view := &OrderView{ID: r.PathValue("id")}

	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		view.Customer = lookupCustomer(ctx, view.ID)
	}()
	go func() {
		defer wg.Done()
		view.Shipping = lookupShipping(ctx, view.ID)
	}()
	wg.Wait()

	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(view)
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders/{id}", handleOrder)
	log.Fatal(http.ListenAndServe(":8101", mux))
}
