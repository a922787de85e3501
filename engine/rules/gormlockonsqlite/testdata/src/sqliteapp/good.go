package inventory

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OK: the code checks the dialect and refuses SQLite, as goconc's own scaffold does.
func LockedUpdate(db *gorm.DB, id uint, mutate func(*Product)) error {
	if db.Dialector.Name() == "sqlite" {
		return errors.New("SELECT ... FOR UPDATE is not supported on SQLite")
	}
	return db.Transaction(func(tx *gorm.DB) error {
		var p Product
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error; err != nil {
			return err
		}
		mutate(&p)
		return tx.Select("*").Updates(&p).Error
	})
}

// OK: other clauses are built as usual.
func Upsert(db *gorm.DB, p *Product) error {
	return db.Clauses(clause.OnConflict{UpdateAll: true}).Create(p).Error
}
