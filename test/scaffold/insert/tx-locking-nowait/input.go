package models

import (
	"errors"

	"gorm.io/gorm"
)

type Product struct {
	ID    uint
	Stock int
}

func DecreaseStock(db *gorm.DB, id uint, n int) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var p Product
		if err := tx.Where("id = ?", id).First(&p).Error; err != nil {
			return err
		}
		if p.Stock < n {
			return errors.New("insufficient stock")
		}
		p.Stock -= n /*|*/
		return tx.Save(&p).Error
	})
}
