package advisorypooled

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"
)

// Lock and unlock through *sql.DB: each Exec may take a different pooled
// connection, so the unlock runs on a session that does not hold the lock.
func Migrate(ctx context.Context, db *sql.DB, run func() error) error {
	if _, err := db.ExecContext(ctx, `SELECT pg_advisory_lock(42)`); err != nil { // want "`pg_advisory_lock` runs through the pool `db` \\(\\*sql.DB\\)"
		return err
	}
	defer db.ExecContext(ctx, `SELECT pg_advisory_unlock(42)`) // want "`pg_advisory_unlock` runs through the pool `db`"
	return run()
}

const tryLock = `SELECT pg_try_advisory_lock($1)`

type Leader struct {
	pool *pgxpool.Pool
	key  int64
}

// pgxpool: the query's connection goes back to the pool right after Scan.
func (l *Leader) TryLead(ctx context.Context) (bool, error) {
	var ok bool
	err := l.pool.QueryRow(ctx, tryLock, l.key).Scan(&ok) // want "`pg_try_advisory_lock` runs through the pool `l.pool` \\(\\*pgxpool.Pool\\)"
	return ok, err
}

// GORM: *gorm.DB is a pool too.
func Reindex(db *gorm.DB, run func() error) error {
	if err := db.Exec("SELECT pg_advisory_lock(?)", 7).Error; err != nil { // want "`pg_advisory_lock` runs through the pool `db` \\(\\*gorm.DB\\)"
		return err
	}
	defer db.Exec("SELECT pg_advisory_unlock(?)", 7) // want "`pg_advisory_unlock` runs through the pool"
	return run()
}

// The query in a local variable, as migration tools write it.
func Unlock(ctx context.Context, db *sql.DB, key int64) error {
	query := `SELECT pg_advisory_unlock($1)`
	_, err := db.ExecContext(ctx, query, key) // want "`pg_advisory_unlock` runs through the pool `db`"
	return err
}
