package gormlock_test

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"github.com/goconc/goconc/runtime/gormlock"
)

// Optimistic locking: read, change, save only if nobody else saved since.
// (Compiled, not run: it needs a database.)
func ExampleUpdateWithVersion() {
	var db *gorm.DB // gorm.Open(postgres.Open(dsn), ...)
	ctx := context.Background()

	var acct Account
	if err := db.WithContext(ctx).Take(&acct, 1).Error; err != nil {
		return
	}
	err := gormlock.UpdateWithVersion(ctx, db, &acct, func(a *Account) error {
		if a.Balance < 30 {
			return errors.New("insufficient funds") // aborts, no retry
		}
		a.Balance -= 30
		return nil
	})
	switch {
	case errors.Is(err, gormlock.ErrNotFound): // deleted meanwhile: 404
	case errors.Is(err, gormlock.ErrConflict): // lost every retry: 409
	}
}

// Pessimistic locking: a job-queue worker takes up to 10 rows nobody else
// holds, and marks them taken inside the same transaction.
func ExampleWithRowLock() {
	var db *gorm.DB
	var jobs []Account
	_ = gormlock.WithRowLock(context.Background(), db, &jobs,
		func(tx *gorm.DB) *gorm.DB { return tx.Where("owner = ?", "queue").Order("id").Limit(10) },
		func(tx *gorm.DB) error {
			for _, j := range jobs {
				if err := tx.Model(&j).Update("owner", "worker-1").Error; err != nil {
					return err // rolls back, releasing the rows
				}
			}
			return nil
		}, gormlock.SkipLocked())
}
