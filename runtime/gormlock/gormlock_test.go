package gormlock_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/goconc/goconc/runtime/gormlock"
	"github.com/goconc/goconc/runtime/internal/testenv"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("database/sql.(*DB).connectionOpener"),
		goleak.IgnoreAnyFunction("github.com/jackc/pgx/v5/pgxpool.(*Pool).backgroundHealthCheck"))
}

type Account struct {
	ID        int64 `gorm:"primaryKey"`
	Owner     string
	Balance   int64
	Version   int64 `gorm:"not null;default:1"`
	UpdatedAt time.Time
	DeletedAt gorm.DeletedAt
}

// openDB connects to the test PostgreSQL and gives the test its own table.
func openDB(t *testing.T) *gorm.DB {
	t.Helper()
	dsn := testenv.PostgresDSN(t)
	db, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	sqlDB, _ := db.DB()
	t.Cleanup(func() { sqlDB.Close() })
	table := fmt.Sprintf("accounts_%d", rand.Uint32())
	db = db.Table(table).Session(&gorm.Session{})
	if err := db.AutoMigrate(&Account{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Migrator().DropTable(table) })
	return db
}

func TestUpdateWithVersion(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	a := Account{ID: 1, Owner: "ann", Balance: 100}
	if err := db.Create(&a).Error; err != nil {
		t.Fatal(err)
	}
	if a.Version != 1 {
		t.Fatalf("created with version %d", a.Version)
	}
	// Zero values are written (GORM's Updates(struct) would skip Balance=0).
	if err := gormlock.UpdateWithVersion(ctx, db, &a, func(a *Account) error { a.Balance = 0; return nil }); err != nil {
		t.Fatal(err)
	}
	var got Account
	db.Take(&got, 1)
	if got.Balance != 0 || got.Version != 2 || a.Version != 2 {
		t.Fatalf("after update: db %+v, memory version %d", got, a.Version)
	}

	t.Run("conflict without retry", func(t *testing.T) {
		stale := a
		if err := gormlock.UpdateWithVersion(ctx, db, &a, func(a *Account) error { a.Balance += 10; return nil }); err != nil {
			t.Fatal(err)
		}
		err := gormlock.UpdateWithVersion(ctx, db, &stale, func(a *Account) error { a.Balance += 5; return nil }, gormlock.MaxAttempts(1))
		if !errors.Is(err, gormlock.ErrConflict) {
			t.Fatalf("stale update = %v, want ErrConflict", err)
		}
		if stale.Version != 3 || stale.Balance != 10 {
			t.Fatalf("the stale model should hold the latest row after a conflict: %+v", stale)
		}
	})

	t.Run("conflict retried re-applies mutate on the fresh row", func(t *testing.T) {
		stale := a
		stale.Version = 2 // pretend it was read before the last update
		calls := 0
		err := gormlock.UpdateWithVersion(ctx, db, &stale, func(a *Account) error { calls++; a.Balance += 5; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if calls != 2 || stale.Balance != 15 || stale.Version != 4 {
			t.Fatalf("calls %d, model %+v", calls, stale)
		}
		a = stale
	})

	t.Run("zero version reloads instead of overwriting blindly", func(t *testing.T) {
		handMade := Account{ID: 1, Owner: "mallory"} // Balance 0, Version 0
		err := gormlock.UpdateWithVersion(ctx, db, &handMade, func(a *Account) error { a.Balance++; return nil })
		if err != nil {
			t.Fatal(err)
		}
		if handMade.Owner != "ann" || handMade.Balance != 16 || handMade.Version != 5 {
			t.Fatalf("model %+v", handMade)
		}
		a = handMade
	})

	t.Run("mutate error aborts", func(t *testing.T) {
		boom := errors.New("insufficient funds")
		if err := gormlock.UpdateWithVersion(ctx, db, &a, func(*Account) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("not found vs soft-deleted vs unscoped", func(t *testing.T) {
		ghost := Account{ID: 99, Version: 1}
		if err := gormlock.UpdateWithVersion(ctx, db, &ghost, func(*Account) error { return nil }); !errors.Is(err, gormlock.ErrNotFound) {
			t.Fatalf("missing row = %v", err)
		}
		b := Account{ID: 2, Owner: "bob", Balance: 1}
		db.Create(&b)
		if err := db.Delete(&Account{}, 2).Error; err != nil { // soft delete
			t.Fatal(err)
		}
		if err := gormlock.UpdateWithVersion(ctx, db, &b, func(b *Account) error { b.Balance = 7; return nil }); !errors.Is(err, gormlock.ErrNotFound) {
			t.Fatalf("soft-deleted row = %v, want ErrNotFound", err)
		}
		if err := gormlock.UpdateWithVersion(ctx, db, &b, func(b *Account) error { b.Balance = 7; return nil }, gormlock.Unscoped()); err != nil {
			t.Fatalf("unscoped update: %v", err)
		}
		var raw Account
		db.Unscoped().Take(&raw, 2)
		if raw.Balance != 7 || !raw.DeletedAt.Valid {
			t.Fatalf("unscoped update must not resurrect the row: %+v", raw)
		}
	})

	t.Run("context cancels the retry loop", func(t *testing.T) {
		stale := a
		stale.Version = 1
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		err := gormlock.UpdateWithVersion(cctx, db, &stale, func(*Account) error { return nil })
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestUpdateWithVersionConcurrentIncrementsAreExact(t *testing.T) {
	db := openDB(t)
	db.Create(&Account{ID: 1, Owner: "c"})
	const workers, each = 6, 15
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				var a Account
				if err := db.Take(&a, 1).Error; err != nil {
					t.Error(err)
					return
				}
				err := gormlock.UpdateWithVersion(context.Background(), db, &a,
					func(a *Account) error { a.Balance++; return nil },
					gormlock.MaxAttempts(1000), gormlock.Backoff(time.Millisecond, 20*time.Millisecond))
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	var a Account
	db.Take(&a, 1)
	if a.Balance != workers*each || a.Version != workers*each+1 {
		t.Fatalf("balance %d version %d, want %d", a.Balance, a.Version, workers*each)
	}
}

func TestWithRowLock(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	for i := int64(1); i <= 3; i++ {
		db.Create(&Account{ID: i, Owner: "x"})
	}
	byID := func(id int64) func(*gorm.DB) *gorm.DB {
		return func(tx *gorm.DB) *gorm.DB { return tx.Where("id = ?", id) }
	}

	t.Run("concurrent read-modify-write is exact", func(t *testing.T) {
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 10 {
					var a Account
					err := gormlock.WithRowLock(ctx, db, &a, byID(1), func(tx *gorm.DB) error {
						return tx.Model(&a).Update("balance", a.Balance+1).Error
					})
					if err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		var a Account
		db.Take(&a, 1)
		if a.Balance != 80 {
			t.Fatalf("balance = %d, want 80", a.Balance)
		}
	})

	t.Run("nowait and skip locked", func(t *testing.T) {
		holding, release := make(chan struct{}), make(chan struct{})
		done := make(chan error)
		go func() {
			var a Account
			done <- gormlock.WithRowLock(ctx, db, &a, byID(2), func(*gorm.DB) error {
				close(holding)
				<-release
				return nil
			})
		}()
		<-holding
		var b Account
		err := gormlock.WithRowLock(ctx, db, &b, byID(2), func(*gorm.DB) error { return nil }, gormlock.NoWait())
		if !errors.Is(err, gormlock.ErrLocked) {
			t.Errorf("NoWait on a locked row = %v, want ErrLocked", err)
		}
		var free []Account
		err = gormlock.WithRowLock(ctx, db, &free, func(tx *gorm.DB) *gorm.DB { return tx.Order("id") },
			func(*gorm.DB) error { return nil }, gormlock.SkipLocked())
		if err != nil || len(free) != 2 || free[0].ID != 1 || free[1].ID != 3 {
			t.Errorf("SkipLocked = %v %+v, want rows 1 and 3", err, free)
		}
		close(release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})

	t.Run("not found", func(t *testing.T) {
		var a Account
		if err := gormlock.WithRowLock(ctx, db, &a, byID(42), func(*gorm.DB) error { return nil }); !errors.Is(err, gormlock.ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
	})

	t.Run("fn error rolls back", func(t *testing.T) {
		var a Account
		boom := errors.New("boom")
		err := gormlock.WithRowLock(ctx, db, &a, byID(3), func(tx *gorm.DB) error {
			if err := tx.Model(&a).Update("balance", 999).Error; err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		db.Take(&a, 3)
		if a.Balance != 0 {
			t.Fatalf("not rolled back: %d", a.Balance)
		}
	})

	t.Run("sqlite refused", func(t *testing.T) {
		sdb, err := gorm.Open(sqliteNamed{postgres.Open(testenv.PostgresDSN(t)).(*postgres.Dialector)}, &gorm.Config{Logger: logger.Discard})
		if err != nil {
			t.Fatal(err)
		}
		if s, err := sdb.DB(); err == nil {
			defer s.Close()
		}
		var a Account
		if err := gormlock.WithRowLock(ctx, sdb, &a, byID(1), func(*gorm.DB) error { return nil }); !errors.Is(err, gormlock.ErrUnsupportedDialect) {
			t.Fatalf("err = %v", err)
		}
	})
}

// sqliteNamed reports the SQLite dialect name; WithRowLock refuses before
// touching the database.
type sqliteNamed struct{ *postgres.Dialector }

func (sqliteNamed) Name() string { return "sqlite" }
