package main

import (
	"errors"

	"gorm.io/gorm"
)

var errConflict = errors.New("concurrent update, try again")

// mustAffectOne turns a versioned update that matched no row into errConflict.
func mustAffectOne(res *gorm.DB) error {
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return errConflict
	}
	return nil
}
