// Reproduces: service pattern: the lazily loaded catalog done with sync.OnceValue — the first request loads it, every other waits and then reads the same immutable map
// Kind: correct
// Expected: (silent)
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"sync"
)

type Product struct {
	SKU   string  `json:"sku"`
	Name  string  `json:"name"`
	Price float64 `json:"price"`
}

var catalog = sync.OnceValue(func() map[string]Product {
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
})

func handleProduct(w http.ResponseWriter, r *http.Request) {
	p, ok := catalog()[r.URL.Query().Get("sku")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(p)
}

func handleCount(w http.ResponseWriter, r *http.Request) {
	_ = json.NewEncoder(w).Encode(map[string]int{"products": len(catalog())})
}

func main() {
	http.HandleFunc("/product", handleProduct)
	http.HandleFunc("/count", handleCount)
	log.Fatal(http.ListenAndServe(":8081", nil))
}
