package lockapp

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

// The seed's case: the lock ends with the SELECT, the UPDATE runs unguarded.
func Withdraw(ctx context.Context, db *sql.DB, id int64, amount int64) error {
	var balance int64
	if err := db.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, id).Scan(&balance); err != nil { // want "`FOR UPDATE` runs on the pool `db` \\(\\*sql.DB\\) outside a transaction: .*tx from db.BeginTx\\(ctx, nil\\), then tx.QueryRowContext"
		return err
	}
	if balance < amount {
		return fmt.Errorf("insufficient funds")
	}
	_, err := db.ExecContext(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, id)
	return err
}

const lockJob = "SELECT id, payload FROM jobs WHERE state = 'queued' " +
	"ORDER BY id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED"

type Queue struct {
	pool *pgxpool.Pool
}

// pgxpool: the query text in a package constant built by concatenation.
func (q *Queue) Claim(ctx context.Context) (int64, error) {
	var id int64
	var payload []byte
	err := q.pool.QueryRow(ctx, lockJob).Scan(&id, &payload) // want "`FOR NO KEY UPDATE` runs on the pool `q.pool` \\(\\*pgxpool.Pool\\) outside a transaction: .*tx from q.pool.Begin\\(ctx\\)"
	if err != nil {
		return 0, err
	}
	_, err = q.pool.Exec(ctx, "UPDATE jobs SET state = 'running' WHERE id = $1", id)
	return id, err
}

// sqlx: its own Get and a FOR SHARE lock; the text in a local.
func Reserve(ctx context.Context, db *sqlx.DB, sku string) (int, error) {
	query := "SELECT stock FROM items WHERE sku = ? LOCK IN SHARE MODE"
	var stock int
	err := db.GetContext(ctx, &stock, query, sku) // want "`LOCK IN SHARE MODE` runs on the pool `db` \\(\\*sqlx.DB\\)"
	return stock, err
}

func ShareLock(ctx context.Context, db *sqlx.DB, id int) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT * FROM parents WHERE id = $1 FOR SHARE", id) // want "`FOR SHARE` runs on the pool `db` \\(\\*sqlx.DB\\)"
}

// The text passed in by the package's own caller.
func lockRow(ctx context.Context, db *sql.DB, query string, id int64) error {
	var v int64
	return db.QueryRowContext(ctx, query, id).Scan(&v) // want "`FOR UPDATE` runs on the pool `db`"
}

func LockCounter(ctx context.Context, db *sql.DB) error {
	return lockRow(ctx, db, "SELECT n FROM counters WHERE id = $1 FOR UPDATE", 1)
}

// A pinned *sql.Conn is one connection, but still in autocommit.
func PinnedNoTx(ctx context.Context, db *sql.DB, id int64) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var n int64
	return conn.QueryRowContext(ctx, "SELECT n FROM counters WHERE id = $1 FOR UPDATE", id).Scan(&n) // want "`FOR UPDATE` runs on the connection `conn` \\(\\*sql.Conn\\) with no transaction begun on it: .*tx from conn.BeginTx\\(ctx, nil\\)"
}

// An acquired pgxpool connection and a pgx connection.
func Acquired(ctx context.Context, pool *pgxpool.Pool, conn *pgx.Conn) error {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	if _, err := c.Exec(ctx, "SELECT 1 FROM t WHERE id = 1 FOR UPDATE"); err != nil { // want "runs on the connection `c` \\(\\*pgxpool.Conn\\)"
		return err
	}
	_, err = conn.Exec(ctx, "SELECT 1 FROM t WHERE id = 1 FOR KEY SHARE") // want "`FOR KEY SHARE` runs on the connection `conn` \\(\\*pgx.Conn\\)"
	return err
}

// A pool behind an interface the package converts it to.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func viaInterface(ctx context.Context, db *sql.DB) *sql.Row {
	var q querier = db
	return q.QueryRowContext(ctx, "SELECT 1 FROM t FOR UPDATE") // want "runs on the pool `q` \\(\\*sql.DB\\)"
}
