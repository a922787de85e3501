// Reproduces: service pattern: stock reservation as one conditional UPDATE with gorm.Expr (available = available - ?) and a RowsAffected check — no read, nothing to lose
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
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

type Inventory struct {
	db *gorm.DB
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://shop@localhost/shop"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	inv := &Inventory{db: db}
	http.HandleFunc("POST /items/{sku}/reserve", func(w http.ResponseWriter, r *http.Request) {
		if err := inv.Reserve(r.Context(), r.PathValue("sku"), 1); err != nil {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

// Reserve lets the database do the arithmetic under its own row lock.
func (inv *Inventory) Reserve(ctx context.Context, sku string, qty int) error {
	res := inv.db.WithContext(ctx).Model(&StockItem{}).
		Where("sku = ? AND available >= ?", sku, qty).
		Updates(map[string]any{
			"available": gorm.Expr("available - ?", qty),
			"reserved":  gorm.Expr("reserved + ?", qty),
		})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrOutOfStock
	}
	return nil
}
