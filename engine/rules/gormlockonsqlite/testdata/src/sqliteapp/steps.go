package inventory

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// A clause kept in a variable and a pointer literal are the same lock.
var forUpdate = &clause.Locking{Strength: "UPDATE"} // want "`clause.Locking` does nothing on SQLite"

func Steps(db *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var p Product
		q := tx.Where("id = ?", id)
		return q.Clauses(forUpdate).First(&p).Error
	})
}

// OK: negative — a function that branches on the dialector's name has seen the difference.
func Portable(db *gorm.DB, id uint) error {
	lock := clause.Locking{Strength: "UPDATE"}
	if db.Config.Dialector.Name() == "sqlite" {
		return db.First(&Product{}, id).Error
	}
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Clauses(lock).First(&Product{}, id).Error
	})
}
