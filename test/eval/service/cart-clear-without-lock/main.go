// Reproduces: service pattern: a shopping-cart store with an embedded mutex; adding items locks it, but the clear-after-checkout helper deletes the user's cart without it
// Kind: map-unlocked
// Expected: concurrent-map-write
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"sync"
)

type Item struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

type CartStore struct {
	sync.Mutex
	carts map[string][]Item
}

func (s *CartStore) Add(user string, it Item) {
	s.Lock()
	defer s.Unlock()
	s.carts[user] = append(s.carts[user], it) // bug-partner
}

func (s *CartStore) Items(user string) []Item {
	s.Lock()
	defer s.Unlock()
	return append([]Item(nil), s.carts[user]...)
}

func (s *CartStore) clear(user string) {
	delete(s.carts, user) // bug: map-unlocked
}

type Shop struct {
	carts *CartStore
}

func (sh *Shop) addItem(w http.ResponseWriter, r *http.Request) {
	var it Item
	if err := json.NewDecoder(r.Body).Decode(&it); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	sh.carts.Add(r.Header.Get("X-User"), it)
	w.WriteHeader(http.StatusNoContent)
}

func (sh *Shop) checkout(w http.ResponseWriter, r *http.Request) {
	user := r.Header.Get("X-User")
	items := sh.carts.Items(user)
	if len(items) == 0 {
		http.Error(w, "empty cart", http.StatusBadRequest)
		return
	}
	log.Printf("order for %s: %d lines", user, len(items))
	sh.carts.clear(user)
	w.WriteHeader(http.StatusCreated)
}

func main() {
	sh := &Shop{carts: &CartStore{carts: make(map[string][]Item)}}
	http.HandleFunc("/cart/add", sh.addItem)
	http.HandleFunc("/cart/checkout", sh.checkout)
	log.Fatal(http.ListenAndServe(":8092", nil))
}
