// Reproduces: service pattern: carts owned by a single goroutine; handlers send commands with a reply channel and never touch the map
// Kind: correct
// Expected: (silent)
package main

import (
	"encoding/json"
	"log"
	"net/http"
)

type Item struct {
	SKU string `json:"sku"`
	Qty int    `json:"qty"`
}

type cmd struct {
	op    string // "add", "checkout"
	user  string
	item  Item
	reply chan []Item
}

type CartService struct {
	cmds chan cmd
}

func (s *CartService) loop() {
	carts := make(map[string][]Item)
	for c := range s.cmds {
		switch c.op {
		case "add":
			carts[c.user] = append(carts[c.user], c.item)
			c.reply <- nil
		case "checkout":
			items := carts[c.user]
			delete(carts, c.user)
			c.reply <- items
		}
	}
}

func (s *CartService) do(c cmd) []Item {
	c.reply = make(chan []Item, 1)
	s.cmds <- c
	return <-c.reply
}

func (s *CartService) addItem(w http.ResponseWriter, r *http.Request) {
	var it Item
	if err := json.NewDecoder(r.Body).Decode(&it); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.do(cmd{op: "add", user: r.Header.Get("X-User"), item: it})
	w.WriteHeader(http.StatusNoContent)
}

func (s *CartService) checkout(w http.ResponseWriter, r *http.Request) {
	items := s.do(cmd{op: "checkout", user: r.Header.Get("X-User")})
	if len(items) == 0 {
		http.Error(w, "empty cart", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(items)
}

func main() {
	s := &CartService{cmds: make(chan cmd)}
	go s.loop()
	http.HandleFunc("/cart/add", s.addItem)
	http.HandleFunc("/cart/checkout", s.checkout)
	log.Fatal(http.ListenAndServe(":8092", nil))
}
