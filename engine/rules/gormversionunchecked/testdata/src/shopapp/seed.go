package shop

import (
	"errors"

	"gorm.io/gorm"
)

// The seed's optimistic-locking example (GORM Optimistic Locking), verbatim.
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

		result := tx.Save(&product) // want "`tx.Save` on `product`, whose BeforeUpdate adds the version condition: when the versioned UPDATE matches 0 rows, GORM's Save falls back to INSERT … ON CONFLICT DO UPDATE"
		if result.RowsAffected == 0 {
			return errors.New("concurrent modification detected")
		}
		return result.Error
	})
}
