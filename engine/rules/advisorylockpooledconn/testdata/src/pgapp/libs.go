package advisorypooled

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"gorm.io/gorm"
)

// sqlx: its own methods and *sql.DB's promoted ones.
func LockSqlx(ctx context.Context, db *sqlx.DB) error {
	var ok bool
	if err := db.GetContext(ctx, &ok, "SELECT pg_try_advisory_lock(3)"); err != nil { // want "`pg_try_advisory_lock` runs through the pool `db` \\(\\*sqlx.DB\\)"
		return err
	}
	_, err := db.ExecContext(ctx, "SELECT pg_advisory_unlock(3)") // want "`pg_advisory_unlock` runs through the pool `db` \\(\\*sqlx.DB\\)"
	return err
}

// Negative: a sqlx connection pinned with Connx.
func LockSqlxPinned(ctx context.Context, db *sqlx.DB) error {
	conn, err := db.Connx(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var ok bool
	if err := conn.GetContext(ctx, &ok, "SELECT pg_try_advisory_lock(3)"); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "SELECT pg_advisory_unlock(3)")
	return err
}

// pgx: a pool in a struct field, unlocked in another method through the same field.
type Elector struct {
	pool *pgxpool.Pool
}

func (e *Elector) Campaign(ctx context.Context) error {
	_, err := e.pool.Exec(ctx, "SELECT pg_advisory_lock(11)") // want "`pg_advisory_lock` runs through the pool `e.pool` \\(\\*pgxpool.Pool\\)"
	return err
}

func (e *Elector) Resign(ctx context.Context) error {
	_, err := e.pool.Exec(ctx, "SELECT pg_advisory_unlock(11)") // want "`pg_advisory_unlock` runs through the pool `e.pool`"
	return err
}

// Negative: pgx connection and transaction.
func LockPgxConn(ctx context.Context, conn *pgx.Conn) error {
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(5)"); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, "SELECT pg_advisory_unlock(5)")
	return err
}

func LockPgxTx(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_lock(5)"); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_unlock(5)"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// GORM: Raw(…).Scan through the pool, and WithContext on the way.
func TryGorm(ctx context.Context, db *gorm.DB) (bool, error) {
	var ok bool
	err := db.WithContext(ctx).Raw("SELECT pg_try_advisory_lock(?)", 8).Scan(&ok).Error // want "`pg_try_advisory_lock` runs through the pool `db` \\(\\*gorm.DB\\)"
	return ok, err
}

// Negative: GORM's Connection pins one connection for the callback.
func LockGormConnection(db *gorm.DB, run func() error) error {
	return db.Connection(func(conn *gorm.DB) error {
		if err := conn.Exec("SELECT pg_advisory_lock(?)", 7).Error; err != nil {
			return err
		}
		defer conn.Exec("SELECT pg_advisory_unlock(?)", 7)
		return run()
	})
}

// Negative: a Begin()'d GORM transaction holds one connection.
func LockGormBegin(db *gorm.DB) error {
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Raw("SELECT pg_try_advisory_lock(?)", 7).Row().Err(); err != nil {
		return err
	}
	tx.Exec("SELECT pg_advisory_unlock(?)", 7)
	return tx.Commit().Error
}

// GORM: the outer handle inside a transaction callback is still the pool.
func LockGormOuter(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return db.Exec("SELECT pg_advisory_lock(?)", 7).Error // want "`pg_advisory_lock` runs through the pool `db` \\(\\*gorm.DB\\)"
	})
}

// Negative: a helper whose every caller in the package passes a transaction's handle.
func lockIn(tx *gorm.DB, key int64) error {
	return tx.Exec("SELECT pg_advisory_lock(?)", key).Error
}

func unlockIn(tx *gorm.DB, key int64) error {
	return tx.Exec("SELECT pg_advisory_unlock(?)", key).Error
}

func ReindexLocked(db *gorm.DB, run func(*gorm.DB) error) error {
	return db.Transaction(func(tx *gorm.DB) error {
		if err := lockIn(tx, 4); err != nil {
			return err
		}
		defer unlockIn(tx, 4)
		return run(tx)
	})
}

// A helper also handed the pool: reported.
func lockAny(db *gorm.DB, key int64) error {
	return db.Exec("SELECT pg_advisory_lock(?)", key).Error // want "`pg_advisory_lock` runs through the pool `db` \\(\\*gorm.DB\\)"
}

func Both(db *gorm.DB) error {
	if err := lockAny(db, 1); err != nil {
		return err
	}
	return db.Transaction(func(tx *gorm.DB) error { return lockAny(tx, 2) })
}
