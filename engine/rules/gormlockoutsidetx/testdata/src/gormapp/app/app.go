// Package app never imports gorm.io/gorm: db.Pool is a *gorm.DB all the same.
package app

import (
	"gorm.io/gorm/clause"

	"example.com/gormapp/db"
)

type Seat struct {
	ID    uint
	Taken bool
}

func Hold(id uint) (Seat, error) {
	var s Seat
	err := db.Pool.Clauses(clause.Locking{Strength: "UPDATE"}).First(&s, id).Error // want "`clause.Locking` on `db.Pool.First` outside a transaction"
	return s, err
}
