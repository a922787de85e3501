// Package service reads, changes and hands the model to package repo.
package service

import (
	"gorm.io/gorm"

	"example.com/shopapp/models"
	"example.com/shopapp/repo"
)

func Withdraw(db *gorm.DB, r *repo.Accounts, id uint, amt int64) error {
	var acc models.Account
	if err := db.First(&acc, id).Error; err != nil {
		return err
	}
	acc.Balance -= amt
	return r.Save(&acc) // want "read-modify-write of `acc` with no row lock and no version check: `db.First` → `acc.Balance -= amt` → `r.Save`; .* — `r.Save` writes it with `a.DB.Save`"
}

func Deposit(db *gorm.DB, r *repo.Accounts, id uint, amt int64) error {
	var acc models.Account
	if err := db.First(&acc, id).Error; err != nil {
		return err
	}
	return r.AddBalance(&acc, amt) // want "`db.First` → `acc.Balance \\+ amt` → `r.AddBalance`"
}

// The repository's compare-and-set: silent.
func Charge(db *gorm.DB, r *repo.Accounts, id uint, amt int64) error {
	var acc models.Account
	if err := db.First(&acc, id).Error; err != nil {
		return err
	}
	old := acc.Balance
	acc.Balance -= amt
	return r.SaveIfUnchanged(&acc, old)
}

// Read and saved again unchanged: silent.
func Touch(db *gorm.DB, r *repo.Accounts, id uint) error {
	var acc models.Account
	if err := db.First(&acc, id).Error; err != nil {
		return err
	}
	return r.Save(&acc)
}
