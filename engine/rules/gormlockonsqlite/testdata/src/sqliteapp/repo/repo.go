// Package repo is opened elsewhere: it links no driver and cannot be judged.
package repo

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Row struct{ ID uint }

// OK: negative — no dialector linked with this package.
func Lock(db *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var r Row
		return tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&r, id).Error
	})
}
