package orders

import (
	"gorm.io/gorm"
)

// A query built in steps from the outer handle is still the outer handle;
// the fix is offered only where the root is the handle itself.
func Close(db *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		q := db.Model(&Order{}).Where("id = ?", id)
		return q.Update("status", "closed").Error // want "`q.Update` inside the transaction runs on the outer handle, not on `tx`"
	})
}

// Nested closures inside the callback still run in the transaction.
func Replay(db *gorm.DB, ids []uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		each := func(id uint) error {
			return db.Create(&AuditLog{OrderID: id, Action: "replay"}).Error // want "`db.Create` inside the transaction"
		}
		for _, id := range ids {
			if err := each(id); err != nil {
				return err
			}
		}
		return nil
	})
}

// Receivers are compared by what they are: the repository's own field.
type Repo struct{ conn *gorm.DB }

func (r *Repo) Move(id uint) error {
	return r.conn.Transaction(func(tx *gorm.DB) error {
		if err := tx.Delete(&Order{}, id).Error; err != nil {
			return err
		}
		return r.conn.Create(&AuditLog{OrderID: id, Action: "move"}).Error // want "`r.conn.Create` inside"
	})
}

// OK: a query built in steps from tx runs in the transaction.
func Reopen(db *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		q := tx.Model(&Order{}).Where("id = ?", id)
		return q.Update("status", "open").Error
	})
}

// OK: another handle than the one the transaction started from is not known to be it.
func Mirror(db, replica *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var o Order
		if err := tx.First(&o, id).Error; err != nil {
			return err
		}
		return replica.Save(&o).Error
	})
}

// OK: conn is the outer handle on one path and tx on the other.
func Either(db *gorm.DB, inTx bool, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		conn := db
		if inTx {
			conn = tx
		}
		return conn.Delete(&Order{}, id).Error
	})
}

// OK: after Commit the transaction is over.
func (r *Repo) Finish(id uint) error {
	tx := r.conn.Begin()
	if err := tx.Delete(&Order{}, id).Error; err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit().Error; err != nil {
		return err
	}
	return r.conn.Create(&AuditLog{OrderID: id, Action: "finish"}).Error
}
