// Package repo writes models for the service package (the write a
// read-modify-write there ends with, seen through the fact).
package repo

import (
	"gorm.io/gorm"

	"example.com/shopapp/models"
)

type Accounts struct{ DB *gorm.DB }

func (a *Accounts) Save(acc *models.Account) error { return a.DB.Save(acc).Error } // want Save:"writes param 0 with a.DB.Save"

// SetBalance computes the new value itself.
func (a *Accounts) AddBalance(acc *models.Account, amt int64) error { // want AddBalance:"writes param 0 with a.DB.Update after acc.Balance \\+ amt"
	return a.DB.Model(acc).Update("balance", acc.Balance+amt).Error
}

// SaveIfUnchanged is a compare-and-set.
func (a *Accounts) SaveIfUnchanged(acc *models.Account, old int64) error { // want SaveIfUnchanged:"writes param 0 with a.DB.Update \\(guarded\\)"
	return a.DB.Model(acc).Where("balance = ?", old).Update("balance", acc.Balance).Error
}
