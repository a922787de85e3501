package orders

import (
	"context"

	"gorm.io/gorm"
)

type Order struct {
	ID     uint `gorm:"primaryKey"`
	Status string
	Total  int
}

type AuditLog struct {
	ID      uint `gorm:"primaryKey"`
	OrderID uint
	Action  string
}

// Pay writes the audit row through db: it commits even when the transaction rolls back.
func Pay(db *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var o Order
		if err := tx.First(&o, id).Error; err != nil {
			return err
		}
		o.Status = "paid"
		if err := tx.Save(&o).Error; err != nil {
			return err
		}
		return db.Create(&AuditLog{OrderID: o.ID, Action: "pay"}).Error // want "`db.Create` inside the transaction runs on the outer handle, not on `tx`"
	})
}

type Store struct {
	db *gorm.DB
}

// Cancel reads through the struct's handle inside the transaction: on a one-connection pool it waits forever.
func (s *Store) Cancel(ctx context.Context, id uint) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var o Order
		if err := s.db.Where("id = ?", id).First(&o).Error; err != nil { // want "`s.db.First` inside"
			return err
		}
		return tx.Model(&o).Update("status", "cancelled").Error
	})
}

// Refund uses Begin/Commit; the count between them runs outside the transaction.
func (s *Store) Refund(id uint) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	if err := tx.Model(&Order{}).Where("id = ?", id).Update("status", "refunded").Error; err != nil {
		return err
	}
	var n int64
	if err := s.db.Model(&AuditLog{}).Where("order_id = ?", id).Count(&n).Error; err != nil { // want "`s.db.Count`"
		return err
	}
	return tx.Commit().Error
}
