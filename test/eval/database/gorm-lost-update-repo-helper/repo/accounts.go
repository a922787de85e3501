// Package repo is the loyalty service's data access layer.
package repo

import "gorm.io/gorm"

type Account struct {
	ID         uint
	CustomerID uint `gorm:"uniqueIndex"`
	Points     int64
	Tier       string
}

func TierFor(points int64) string {
	switch {
	case points >= 10000:
		return "gold"
	case points >= 1000:
		return "silver"
	}
	return "bronze"
}

type Accounts struct{}

func NewAccounts() *Accounts { return &Accounts{} }

// Save writes every column of acc through db (the caller's transaction).
func (a *Accounts) Save(db *gorm.DB, acc *Account) error {
	return db.Save(acc).Error // bug-partner
}
