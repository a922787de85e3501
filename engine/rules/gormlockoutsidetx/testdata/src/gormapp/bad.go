package inventory

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Product struct {
	ID    uint `gorm:"primaryKey"`
	Name  string
	Stock int
}

type Store struct {
	db *gorm.DB
}

// Transfer starts a transaction from s.db: so s.db is the pool, not a transaction handle.
func (s *Store) Transfer(from, to uint, n int) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&Product{}).Where("id = ?", from).Update("stock", gorm.Expr("stock - ?", n)).Error; err != nil {
			return err
		}
		return tx.Model(&Product{}).Where("id = ?", to).Update("stock", gorm.Expr("stock + ?", n)).Error
	})
}

// Reserve locks the row in autocommit mode: the lock is gone before the update runs.
func (s *Store) Reserve(id uint, n int) error {
	var p Product
	if err := s.db.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error; err != nil { // want "`clause.Locking` on `s.db.First` outside a transaction"
		return err
	}
	if p.Stock < n {
		return errors.New("insufficient stock")
	}
	return s.db.Model(&p).Update("stock", p.Stock-n).Error
}

// DB is the application's pool.
var DB *gorm.DB

// LowStock takes shared locks that end with the SELECT.
func LowStock() ([]Product, error) {
	var ps []Product
	err := DB.Where("stock < ?", 5).Clauses(clause.Locking{Strength: "SHARE"}).Find(&ps).Error // want "`clause.Locking` on `DB.Find`"
	return ps, err
}

// Restock derives a local from the pool; still no transaction.
func (s *Store) Restock(id uint) error {
	db := s.db.Session(&gorm.Session{})
	var p Product
	if err := db.Clauses(clause.Locking{Strength: "UPDATE", Options: "NOWAIT"}).Take(&p, id).Error; err != nil { // want "`clause.Locking` on `db.Take`"
		return err
	}
	return db.Model(&p).Update("stock", p.Stock+10).Error
}
