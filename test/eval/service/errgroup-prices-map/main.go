// Reproduces: service pattern: a quote handler fetching prices from several suppliers with errgroup, each goroutine storing its answer in a shared map without a lock
// Kind: map-unlocked
// Expected: concurrent-map-write
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"time"

	"golang.org/x/sync/errgroup"
)

type Quote struct {
	Supplier string  `json:"supplier"`
	Price    float64 `json:"price"`
}

type QuoteService struct {
	client    *http.Client
	suppliers []string
}

func (s *QuoteService) fetch(ctx context.Context, supplier, sku string) (Quote, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("https://%s/price?sku=%s", supplier, sku), nil)
	if err != nil {
		return Quote{}, err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return Quote{}, err
	}
	defer resp.Body.Close()
	q := Quote{Supplier: supplier}
	err = json.NewDecoder(resp.Body).Decode(&q)
	return q, err
}

func (s *QuoteService) handleQuote(w http.ResponseWriter, r *http.Request) {
	sku := r.URL.Query().Get("sku")
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()

	quotes := make(map[string]Quote)
	g, ctx := errgroup.WithContext(ctx)
	for _, sup := range s.suppliers {
		g.Go(func() error {
			q, err := s.fetch(ctx, sup, sku)
			if err != nil {
				return fmt.Errorf("%s: %w", sup, err)
			}
			quotes[sup] = q // bug: map-unlocked
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(quotes)
}

func main() {
	s := &QuoteService{
		client:    &http.Client{Timeout: 5 * time.Second},
		suppliers: []string{"acme.example", "globex.example", "initech.example"},
	}
	http.HandleFunc("/quote", s.handleQuote)
	log.Fatal(http.ListenAndServe(":8087", nil))
}
