package advisorypooled

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"
)

// OK: a pinned *sql.Conn runs lock and unlock on one session.
func MigratePinned(ctx context.Context, db *sql.DB, run func() error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(42)`); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(42)`)
	return run()
}

// OK: a connection acquired from the pool.
func (l *Leader) TryLeadPinned(ctx context.Context) (bool, error) {
	conn, err := l.pool.Acquire(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Release()
	var ok bool
	if err := conn.QueryRow(ctx, tryLock, l.key).Scan(&ok); err != nil {
		return false, err
	}
	if ok {
		_, err = conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, l.key)
	}
	return ok, err
}

// OK: the transaction-scoped lock ends with the transaction, through the pool or not.
func Settle(ctx context.Context, pool *pgxpool.Pool, key int64) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, key)
		return err
	})
}

// OK: inside a GORM transaction the session is the transaction's connection.
func ReindexTx(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		return tx.Exec("SELECT pg_advisory_xact_lock(?)", 7).Error
	})
}

// OK: xact lock through *sql.DB within BeginTx.
func Pay(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Negative: a user's own Exec that is not a database pool.
type script struct{ lines []string }

func (s *script) Exec(q string) { s.lines = append(s.lines, q) }

func Plan(s *script) {
	s.Exec("SELECT pg_advisory_lock(1)")
	s.Exec("SELECT pg_advisory_unlock(1)")
}
