package sqltxleak

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Orders struct {
	db *sql.DB
}

// The insert's error returns with the transaction open: its connection stays
// checked out of the pool until the server times the session out.
func (o *Orders) Place(ctx context.Context, id, qty int) error {
	tx, err := o.db.BeginTx(ctx, nil) // want "transaction `tx` from o.db.BeginTx is neither committed nor rolled back"
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stock SET qty = qty - $1 WHERE id = $2`, qty, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO orders (item, qty) VALUES ($1, $2)`, id, qty); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// A validation failure between Begin and Commit.
func Transfer(db *sql.DB, from, to, amount int) error {
	tx, err := db.Begin() // want "transaction `tx` from db.Begin"
	if err != nil {
		return err
	}
	if amount <= 0 {
		return errors.New("amount must be positive")
	}
	if _, err := tx.Exec(`UPDATE accounts SET balance = balance - $1 WHERE id = $2`, amount, from); err != nil {
		_ = tx.Rollback()
		return err
	}
	if _, err := tx.Exec(`UPDATE accounts SET balance = balance + $1 WHERE id = $2`, amount, to); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// pgx: the pool's Begin returns a pgx.Tx; the early return keeps it open.
func Reserve(ctx context.Context, pool *pgxpool.Pool, seat int) error {
	tx, err := pool.Begin(ctx) // want "transaction `tx` from pool.Begin"
	if err != nil {
		return err
	}
	var taken bool
	if err := tx.QueryRow(ctx, `SELECT taken FROM seats WHERE id = $1 FOR UPDATE`, seat).Scan(&taken); err != nil {
		return err
	}
	if taken {
		_ = tx.Rollback(ctx)
		return errors.New("seat taken")
	}
	if _, err := tx.Exec(ctx, `UPDATE seats SET taken = true WHERE id = $1`, seat); err != nil {
		_ = tx.Rollback(ctx)
		return err
	}
	return tx.Commit(ctx)
}

// A pgx.Conn from pgx.Connect.
func Rename(ctx context.Context, url string, id int, name string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx) // want "transaction `tx` from conn.Begin"
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `UPDATE users SET name = $1 WHERE id = $2`, name, id)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		_ = tx.Rollback(ctx)
		return errors.New("no such user")
	}
	return tx.Commit(ctx)
}
