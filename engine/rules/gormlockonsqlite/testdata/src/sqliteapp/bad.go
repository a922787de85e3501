package inventory

import (
	"errors"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Product struct {
	ID    uint `gorm:"primaryKey"`
	Name  string
	Stock int
}

func Open(path string) (*gorm.DB, error) {
	return gorm.Open(sqlite.Open(path), &gorm.Config{})
}

// The seed's pessimistic example on SQLite: the FOR UPDATE never reaches the database.
func DecreaseStockWithLock(db *gorm.DB, productID uint, quantity int) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var product Product

		// SELECT ... FOR UPDATE
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}). // want "`clause.Locking` does nothing on SQLite: GORM's SQLite driver \\(github.com/glebarez/sqlite, the only GORM dialector"
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

// ForShare is a scope; wherever it is used on SQLite it locks nothing.
func ForShare(db *gorm.DB) *gorm.DB {
	return db.Clauses(clause.Locking{Strength: "SHARE"}) // want "`clause.Locking` does nothing on SQLite"
}
