package lockapp

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

// Negative: the correct pattern, the lock held until Commit.
func WithdrawTx(ctx context.Context, db *sql.DB, id, amount int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var balance int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, id).Scan(&balance); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Negative: pgx transactions, explicit and through BeginFunc.
func ClaimTx(ctx context.Context, pool *pgxpool.Pool) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var id int64
	if err := tx.QueryRow(ctx, lockJob).Scan(&id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func ClaimFunc(ctx context.Context, pool *pgxpool.Pool) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "SELECT 1 FROM jobs WHERE id = 1 FOR UPDATE")
		return err
	})
}

// Negative: sqlx transaction.
func ReserveTx(ctx context.Context, db *sqlx.DB, sku string) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var stock int
	if err := tx.GetContext(ctx, &stock, "SELECT stock FROM items WHERE sku = ? FOR UPDATE", sku); err != nil {
		return err
	}
	return tx.Commit()
}

// Negative: one statement that locks and writes — the locks serve the
// statement itself (a queue claim in autocommit is correct).
func ClaimOneStatement(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, `UPDATE jobs SET state = 'running'
		WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING id`)
	return err
}

func DeleteLocked(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `WITH batch AS (SELECT id FROM outbox ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED)
		DELETE FROM outbox WHERE id IN (SELECT id FROM batch)`)
	return err
}

// Negative: no locking clause (updated_at, "for update" in a comment word are not it).
func Plain(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "SELECT updated_at FROM t WHERE id = 1")
	return err
}

// Negative: a handle behind an interface whose value the package does not show.
type dbtx interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func Unknown(ctx context.Context, q dbtx) *sql.Row {
	return q.QueryRowContext(ctx, "SELECT 1 FROM t FOR UPDATE")
}

// Negative: a pgx connection's queries after conn.Begin run in that
// transaction (one session).
func ConnBegun(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := conn.Exec(ctx, "SELECT 1 FROM t WHERE id = 1 FOR UPDATE"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}
