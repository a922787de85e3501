package shop

import (
	"database/sql"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OK: the seed's pessimistic example (Pessimistic Locking (FOR UPDATE)), verbatim.
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

// OK: an atomic update with a condition (compare-and-set): no read-modify-write in Go.
func (l *Ledger) Reserve(id uint, n int) error {
	res := l.db.Model(&Product{}).Where("id = ? AND stock >= ?", id, n).UpdateColumn("stock", gorm.Expr("stock - ?", n))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errors.New("insufficient stock")
	}
	return nil
}

// OK: the write is conditioned on the value read (compare-and-set on status).
func (l *Ledger) Ship(id uint) error {
	var o Order
	if err := l.db.First(&o, id).Error; err != nil {
		return err
	}
	if o.Status != "paid" {
		return errors.New("not paid")
	}
	res := l.db.Model(&o).Where("status = ?", "paid").Update("status", "shipped")
	if res.RowsAffected == 0 {
		return errors.New("changed meanwhile")
	}
	return res.Error
}

// OK: fields overwritten from the request, not computed from the old values (plain "edit" form).
func (l *Ledger) Rename(id uint, name string) error {
	var p Product
	if err := l.db.First(&p, id).Error; err != nil {
		return err
	}
	p.Name = name
	return l.db.Save(&p).Error
}

// OK: a SERIALIZABLE transaction makes the database reject the second writer.
func (l *Ledger) Withdraw(id uint, amount int64) error {
	return l.db.Transaction(func(tx *gorm.DB) error {
		var acc Account
		if err := tx.First(&acc, id).Error; err != nil {
			return err
		}
		acc.Balance -= amount
		return tx.Save(&acc).Error
	}, &sql.TxOptions{Isolation: sql.LevelSerializable})
}

// Counter is not GORM: its First and Save are the user's own.
type Counter struct{ n map[uint]int }

func (c *Counter) First(dest *Product, id uint) error { return nil }
func (c *Counter) Save(p *Product) error             { return nil }

// OK: not a *gorm.DB.
func Bump(c *Counter, id uint) error {
	var p Product
	if err := c.First(&p, id); err != nil {
		return err
	}
	p.Stock++
	return c.Save(&p)
}

type Profile struct {
	ID     uint `gorm:"primaryKey"`
	Avatar string
}

// OK: the old value is only cleaned up, not guarded on; the new one comes from the request.
func (l *Ledger) SetAvatar(id uint, path string, remove func(string)) error {
	var p Profile
	if err := l.db.First(&p, id).Error; err != nil {
		return err
	}
	if p.Avatar != "" {
		remove(p.Avatar)
	}
	p.Avatar = path
	return l.db.Save(&p).Error
}
