// Reproduces: service pattern: a product catalog loaded lazily on the first request through a package-level variable — two first requests both see nil and both assign it while others read it
// Kind: lazy-init
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

type Product struct {
	SKU   string  `json:"sku"`
	Name  string  `json:"name"`
	Price float64 `json:"price"`
}

var catalog map[string]Product

func loadCatalog() map[string]Product {
	m := make(map[string]Product)
	f, err := os.Open("catalog.json")
	if err != nil {
		log.Printf("catalog: %v", err)
		return m
	}
	defer f.Close()
	var items []Product
	if err := json.NewDecoder(f).Decode(&items); err != nil {
		log.Printf("catalog: %v", err)
	}
	for _, p := range items {
		m[p.SKU] = p
	}
	return m
}

func getCatalog() map[string]Product {
	if catalog == nil { // bug-partner
		catalog = loadCatalog() // bug: lazy-init
	}
	return catalog
}

func handleProduct(w http.ResponseWriter, r *http.Request) {
	sku := r.URL.Query().Get("sku")
	p, ok := getCatalog()[sku]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(p)
}

func handleCount(w http.ResponseWriter, r *http.Request) {
	_ = json.NewEncoder(w).Encode(map[string]int{"products": len(getCatalog())})
}

func main() {
	http.HandleFunc("/product", handleProduct)
	http.HandleFunc("/count", handleCount)
	log.Fatal(http.ListenAndServe(":8081", nil))
}
