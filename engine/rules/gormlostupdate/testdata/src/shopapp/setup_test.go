package shop

import (
	"testing"

	"gorm.io/gorm"
)

// A test setting up its rows: silent.
func seedStock(t *testing.T, db *gorm.DB, id uint) {
	var p Product
	if err := db.First(&p, id).Error; err != nil {
		t.Fatal(err)
	}
	p.Stock += 10
	if err := db.Save(&p).Error; err != nil {
		t.Fatal(err)
	}
}
