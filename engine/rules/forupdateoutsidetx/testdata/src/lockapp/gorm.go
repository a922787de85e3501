package lockapp

import (
	"gorm.io/gorm"
)

type Seat struct {
	ID    uint
	Taken bool
}

var DB *gorm.DB

func Open(d gorm.Dialector) error {
	db, err := gorm.Open(d)
	DB = db
	return err
}

// GORM raw SQL on the pool: gorm-lock-outside-tx sees only clause.Locking.
func TakeSeat(id uint) error {
	var s Seat
	if err := DB.Raw("SELECT * FROM seats WHERE id = ? FOR UPDATE", id).Scan(&s).Error; err != nil { // want "`FOR UPDATE` runs on `DB` \\(\\*gorm.DB, the pool\\) outside a transaction: .*DB.Transaction"
		return err
	}
	return DB.Model(&s).Update("taken", true).Error
}

// Negative: the same inside a transaction.
func TakeSeatTx(id uint) error {
	return DB.Transaction(func(tx *gorm.DB) error {
		var s Seat
		if err := tx.Raw("SELECT * FROM seats WHERE id = ? FOR UPDATE", id).Scan(&s).Error; err != nil {
			return err
		}
		return tx.Model(&s).Update("taken", true).Error
	})
}

// Negative: a parameter may be a transaction.
func lockSeat(db *gorm.DB, id uint) error {
	return db.Exec("SELECT 1 FROM seats WHERE id = ? FOR UPDATE", id).Error
}

// Negative: the outer handle inside a transaction is gorm-tx-outer-handle's.
func Outer(id uint) error {
	return DB.Transaction(func(tx *gorm.DB) error {
		return DB.Exec("SELECT 1 FROM seats WHERE id = ? FOR UPDATE", id).Error
	})
}
