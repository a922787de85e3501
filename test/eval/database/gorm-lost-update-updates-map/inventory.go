package main

import (
	"context"

	"gorm.io/gorm"
)

type Inventory struct {
	db *gorm.DB
}

func NewInventory(db *gorm.DB) *Inventory { return &Inventory{db: db} }

// Reserve moves qty units from available to reserved.
func (inv *Inventory) Reserve(ctx context.Context, sku string, qty int) error {
	return inv.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var item StockItem
		if err := tx.Where("sku = ?", sku).Take(&item).Error; err != nil { // bug-partner
			return err
		}
		if item.Available < qty {
			return ErrOutOfStock
		}
		return tx.Model(&StockItem{}).Where("sku = ?", sku).Updates(map[string]any{ // bug: lost-update
			"available": item.Available - qty,
			"reserved":  item.Reserved + qty,
		}).Error
	})
}
