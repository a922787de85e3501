package shop

import (
	"context"
	"errors"

	"gorm.io/gorm"
)

type Product struct {
	ID    uint `gorm:"primaryKey"`
	Name  string
	Stock int
}

type Account struct {
	ID      uint `gorm:"primaryKey"`
	Balance int64
}

type Order struct {
	ID     uint `gorm:"primaryKey"`
	Status string
}

// The seed's pessimistic example without its lock: a transaction alone does not stop the lost update.
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
		return tx.Save(&product).Error // want "read-modify-write of `product` with no row lock and no version check: `tx.First` → `product.Stock -= quantity` → `tx.Save`"
	})
}

type Ledger struct {
	db *gorm.DB
}

// Deposit outside any transaction: the new balance is computed from a stale read.
func (l *Ledger) Deposit(ctx context.Context, id uint, amount int64) error {
	var acc Account
	if err := l.db.WithContext(ctx).Take(&acc, id).Error; err != nil {
		return err
	}
	acc.Balance = acc.Balance + amount
	return l.db.WithContext(ctx).Model(&acc).Update("balance", acc.Balance).Error // want "read-modify-write of `acc`"
}

// Pay checks the status, then sets it: two callers can both see "pending" and both pay.
func (l *Ledger) Pay(id uint) error {
	var o Order
	if err := l.db.First(&o, id).Error; err != nil {
		return err
	}
	if o.Status != "pending" {
		return errors.New("already paid")
	}
	o.Status = "paid"
	return l.db.Model(&o).Updates(map[string]any{"status": o.Status}).Error // want "read-modify-write of `o`"
}

// Debit computes the new balance through a local: still derived from the stale read.
func (l *Ledger) Debit(id uint, amount int64) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	next := acc.Balance - amount
	if next < 0 {
		return errors.New("insufficient funds")
	}
	acc.Balance = next
	return l.db.Save(&acc).Error // want "read-modify-write of `acc`"
}
