package orders

import (
	"context"

	"gorm.io/gorm"
)

// OK: every statement inside the transaction goes through tx.
func Ship(db *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var o Order
		if err := tx.First(&o, id).Error; err != nil {
			return err
		}
		q := tx.Model(&AuditLog{})
		if err := q.Create(&AuditLog{OrderID: o.ID, Action: "ship"}).Error; err != nil {
			return err
		}
		return tx.Model(&o).Update("status", "shipped").Error
	})
}

// OK: db is used before and after the transaction, not inside it.
func (s *Store) Archive(ctx context.Context, id uint) error {
	var o Order
	if err := s.db.WithContext(ctx).First(&o, id).Error; err != nil {
		return err
	}
	if err := s.db.Transaction(func(tx *gorm.DB) error {
		return tx.Delete(&o).Error
	}); err != nil {
		return err
	}
	return s.db.Create(&AuditLog{OrderID: id, Action: "archive"}).Error
}

// Cache is not GORM: its Save and Create are the user's own methods.
type Cache struct{ items map[uint]Order }

func (c *Cache) Save(o *Order) *Cache   { c.items[o.ID] = *o; return c }
func (c *Cache) Create(o *Order) *Cache { c.items[o.ID] = *o; return c }

// OK: cache is not a *gorm.DB, even inside a transaction.
func (s *Store) Warm(cache *Cache, id uint) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var o Order
		if err := tx.First(&o, id).Error; err != nil {
			return err
		}
		cache.Save(&o).Create(&o)
		return nil
	})
}

// OK: Dialector and Statement are not statements sent to the database.
func (s *Store) Name() string {
	var name string
	_ = s.db.Transaction(func(tx *gorm.DB) error {
		name = s.db.Dialector.Name()
		return nil
	})
	return name
}
