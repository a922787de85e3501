// Package testonly opens SQLite only in its tests: production code is judged by its own imports.
package testonly

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Row struct{ ID uint }

// OK: negative — only the _test.go file links SQLite.
func Lock(db *gorm.DB, id uint) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var r Row
		return tx.Clauses(&clause.Locking{Strength: "UPDATE"}).First(&r, id).Error
	})
}
