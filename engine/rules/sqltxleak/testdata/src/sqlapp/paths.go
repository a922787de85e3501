package sqltxleak

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
)

// A defer placed after an early return does not cover that return.
func LateDefer(db *sql.DB, skip bool) error {
	tx, err := db.Begin() // want "transaction `tx` from db.Begin is neither committed nor rolled back"
	if err != nil {
		return err
	}
	if skip {
		return nil
	}
	defer tx.Rollback()
	return tx.Commit()
}

// In a loop, `continue` without ending the transaction begins the next one over it.
func Batch(ctx context.Context, db *sql.DB, items []int) error {
	for _, it := range items {
		tx, err := db.BeginTx(ctx, nil) // want "transaction `tx` from db.BeginTx"
		if err != nil {
			return err
		}
		if it < 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO items VALUES ($1)`, it); err != nil {
			_ = tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// pgx: a savepoint begun on a transaction is a transaction too.
func Savepoint(ctx context.Context, tx pgx.Tx) error {
	sp, err := tx.Begin(ctx) // want "transaction `sp` from tx.Begin"
	if err != nil {
		return err
	}
	if _, err := sp.Exec(ctx, `DELETE FROM tmp`); err != nil {
		return err
	}
	return sp.Commit(ctx)
}

// OK: handed to a helper: whether it ends it is the helper's business, not judged here.
func Delegate(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := audit(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func audit(tx *sql.Tx) error {
	_, err := tx.Exec(`INSERT INTO audit DEFAULT VALUES`)
	return err
}

// OK: never ended here at all: not judged (it may be ended through another handle).
func Leaked(db *sql.DB) *sql.Tx {
	tx, _ := db.Begin()
	return tx
}

// OK: a panic is not a return with the transaction open.
func MustDo(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`SELECT 1`); err != nil {
		panic(errors.Join(err, tx.Rollback()))
	}
	return tx.Commit()
}
