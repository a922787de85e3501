// Package mixed runs on PostgreSQL in production and SQLite in development.
package mixed

import (
	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Job struct {
	ID    uint `gorm:"primaryKey"`
	State string
}

func Open(dev bool, dsn string) (*gorm.DB, error) {
	if dev {
		return gorm.Open(sqlite.Open(dsn), &gorm.Config{})
	}
	return gorm.Open(postgres.Open(dsn), &gorm.Config{})
}

// OK: negative — with PostgreSQL required as well, the lock works where it matters.
func Claim(db *gorm.DB) (Job, error) {
	var j Job
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"}).Where("state = ?", "queued").First(&j).Error; err != nil {
			return err
		}
		return tx.Model(&j).Update("state", "running").Error
	})
	return j, err
}
