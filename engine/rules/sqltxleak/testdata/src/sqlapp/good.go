package sqltxleak

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// OK: defer Rollback right after the error check (a no-op after Commit).
func (o *Orders) Cancel(ctx context.Context, id int) error {
	tx, err := o.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM orders WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// OK: every exit rolls back or commits first.
func Archive(db *sql.DB, id int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO archive SELECT * FROM orders WHERE id = $1`, id); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return nil
}

// OK: pgx with defer tx.Rollback(ctx).
func Book(ctx context.Context, pool *pgxpool.Pool, seat int) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `UPDATE seats SET taken = true WHERE id = $1`, seat); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// OK: pgx.BeginFunc ends the transaction itself.
func BookFunc(ctx context.Context, pool *pgxpool.Pool, seat int) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE seats SET taken = true WHERE id = $1`, seat)
		return err
	})
}

// OK: the transaction is returned to the caller, who ends it.
func Start(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL statement_timeout = 5000`); err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// OK: a deferred closure decides between Commit and Rollback.
func Settle(db *sql.DB, id int) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	if _, err = tx.Exec(`UPDATE invoices SET settled = true WHERE id = $1`, id); err != nil {
		return err
	}
	return nil
}

// OK: handed to a helper that ends it on every path.
func Touch(db *sql.DB, id int) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	_, err = tx.Exec(`UPDATE items SET touched = now() WHERE id = $1`, id)
	return finish(tx, err)
}

func finish(tx *sql.Tx, err error) error {
	if err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Negative: a user's own type with a Begin method is not a database.
type Journal struct{ entries []string }

type Entry struct{ j *Journal }

func (j *Journal) Begin() (*Entry, error) { return &Entry{j: j}, nil }
func (e *Entry) Commit() error            { return nil }
func (e *Entry) Rollback() error          { return nil }

func Note(j *Journal, s string) error {
	e, err := j.Begin()
	if err != nil {
		return err
	}
	if s == "" {
		return errors.New("empty")
	}
	e.j.entries = append(e.j.entries, s)
	return e.Commit()
}

// OK: the transaction lives in the if block; the returns after it belong to the other branch.
func Apply(ctx context.Context, db *sql.DB, useTx bool, stmts []string) error {
	if useTx {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				_ = tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		return nil
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
