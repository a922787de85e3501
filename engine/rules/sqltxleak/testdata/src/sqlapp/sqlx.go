package sqltxleak

import (
	"context"

	"github.com/jmoiron/sqlx"
)

type Repo struct {
	db *sqlx.DB
}

// sqlx: Beginx returns a *sqlx.Tx; the Get error returns with it open.
func (r *Repo) Rename(ctx context.Context, id int, name string) error {
	tx, err := r.db.Beginx() // want "transaction `tx` from r.db.Beginx"
	if err != nil {
		return err
	}
	var old string
	if err := tx.GetContext(ctx, &old, `SELECT name FROM users WHERE id = $1 FOR UPDATE`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET name = $1 WHERE id = $2`, name, id); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// MustBegin panics instead of returning an error: the transaction is its only result.
func (r *Repo) Touch(ctx context.Context, id int) error {
	tx := r.db.MustBegin() // want "transaction `tx` from r.db.MustBegin"
	if _, err := tx.ExecContext(ctx, `UPDATE users SET seen = now() WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}
