// Package seed holds the field guide's two GORM examples, verbatim: both are
// silent (the versioned model is gorm-version-unchecked's concern).
package seed

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Product struct {
	ID      uint `gorm:"primaryKey"`
	Name    string
	Stock   int
	Version int `gorm:"default:1"` // 버전 필드
}

func (p *Product) BeforeUpdate(tx *gorm.DB) error {
	tx.Statement.Where("version = ?", p.Version)
	p.Version++
	return nil
}

// 사용
func DecreaseStock(db *gorm.DB, productID uint, quantity int) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var product Product
		if err := tx.First(&product, productID).Error; err != nil {
			return err
		}

		if product.Stock < quantity {
			return errors.New("insufficient stock")
		}

		product.Stock -= quantity

		result := tx.Save(&product)
		if result.RowsAffected == 0 {
			return errors.New("concurrent modification detected")
		}
		return result.Error
	})
}

func DecreaseStockWithLock(db *gorm.DB, productID uint, quantity int) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var product Product

		// SELECT ... FOR UPDATE
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
			First(&product, productID).Error; err != nil {
			return err
		}

		if product.Stock < quantity {
			return errors.New("insufficient stock")
		}

		product.Stock -= quantity
		return tx.Save(&product).Error
	})
}
