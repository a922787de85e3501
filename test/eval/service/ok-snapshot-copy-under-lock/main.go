// Reproduces: service pattern: an inventory service whose listing handler copies the map under the read lock and encodes the copy after unlocking, while updates write under the lock
// Kind: correct
// Expected: (silent)
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"sort"
	"strconv"
	"sync"
)

type Inventory struct {
	mu     sync.RWMutex
	stock  map[string]int
	events []string
}

func (inv *Inventory) snapshot() (map[string]int, []string) {
	inv.mu.RLock()
	defer inv.mu.RUnlock()
	stock := make(map[string]int, len(inv.stock))
	for sku, n := range inv.stock {
		stock[sku] = n
	}
	events := append([]string(nil), inv.events...)
	return stock, events
}

func (inv *Inventory) adjust(sku string, delta int) int {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.stock[sku] += delta
	inv.events = append(inv.events, sku+" "+strconv.Itoa(delta))
	return inv.stock[sku]
}

func (inv *Inventory) handleList(w http.ResponseWriter, r *http.Request) {
	stock, events := inv.snapshot()
	skus := make([]string, 0, len(stock))
	for sku := range stock {
		skus = append(skus, sku)
	}
	sort.Strings(skus)
	type row struct {
		SKU string `json:"sku"`
		N   int    `json:"n"`
	}
	rows := make([]row, 0, len(skus))
	for _, sku := range skus {
		rows = append(rows, row{sku, stock[sku]})
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"stock": rows, "recent": events})
}

func (inv *Inventory) handleAdjust(w http.ResponseWriter, r *http.Request) {
	delta, err := strconv.Atoi(r.FormValue("delta"))
	if err != nil {
		http.Error(w, "bad delta", http.StatusBadRequest)
		return
	}
	n := inv.adjust(r.FormValue("sku"), delta)
	_ = json.NewEncoder(w).Encode(map[string]int{"stock": n})
}

func main() {
	inv := &Inventory{stock: make(map[string]int)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /inventory", inv.handleList)
	mux.HandleFunc("POST /inventory/adjust", inv.handleAdjust)
	log.Fatal(http.ListenAndServe(":8100", mux))
}
