package testonly

import (
	"testing"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

func TestLock(t *testing.T) {
	db, err := gorm.Open(sqlite.Open(":memory:"), &gorm.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var r Row
	// In the test binary SQLite is the only dialector.
	db.Transaction(func(tx *gorm.DB) error {
		return tx.Clauses(&clause.Locking{Strength: "SHARE"}).First(&r).Error // want "`clause.Locking` does nothing on SQLite"
	})
}
