package shop

import (
	"gorm.io/gorm"
	"time"
)

// The import is sorted into the list.
func Touch(db *gorm.DB, id uint) error {
	tx := db.Begin()
	defer tx.Rollback()
	var p Product
	if err := tx.First(&p, id).Error; err != nil {
		return err
	}
	p.Stock++
	_ = time.Now()
	if err := tx.Save(&p).Error; err != nil { // want "read-modify-write of `p`"
		return err
	}
	return tx.Commit().Error
}
