// Reproduces: service pattern: stock reservation reads the item in a GORM transaction and writes the new counts with Updates(map[string]any{...}) computed from the values read, no row lock (overselling)
// Kind: lost-update
// Expected: gorm-lost-update
package main

import (
	"errors"
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

var ErrOutOfStock = errors.New("out of stock")

type StockItem struct {
	ID        uint
	SKU       string `gorm:"uniqueIndex"`
	Available int
	Reserved  int
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://shop@localhost/shop"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	inv := NewInventory(db)
	http.Handle("POST /cart/checkout", &checkoutHandler{inv: inv})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
