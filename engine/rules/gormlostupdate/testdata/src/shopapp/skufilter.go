package shop

import "gorm.io/gorm"

// The row is read by its SKU and written back through Model(&T{}) with the
// same filter: the filter names the row, it is not a compare-and-set.
type StockItem struct {
	ID        uint
	SKU       string
	Available int
}

func Allocate(db *gorm.DB, sku string, qty int) error {
	var item StockItem
	if err := db.Where("sku = ?", sku).Take(&item).Error; err != nil {
		return err
	}
	return db.Model(&StockItem{}).Where("sku = ?", sku).Updates(map[string]any{"available": item.Available - qty}).Error // want "read-modify-write of `item`"
}

// OK: the write's filter includes the value read: a compare-and-set.
func AllocateCAS(db *gorm.DB, sku string, qty int) error {
	var item StockItem
	if err := db.Where("sku = ?", sku).Take(&item).Error; err != nil {
		return err
	}
	return db.Model(&StockItem{}).Where("sku = ? AND available = ?", sku, item.Available).Updates(map[string]any{"available": item.Available - qty}).Error
}

// OK: a filter on another value than the read's (another row, or a condition the read did not make).
func AllocateOther(db *gorm.DB, sku, other string, qty int) error {
	var item StockItem
	if err := db.Where("sku = ?", sku).Take(&item).Error; err != nil {
		return err
	}
	return db.Model(&StockItem{}).Where("sku = ?", other).Updates(map[string]any{"available": item.Available - qty}).Error
}
