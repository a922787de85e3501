package txapp

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/cockroachdb/cockroach-go/v2/crdb"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

func isSerializationFailure(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "40001"
}

// The seed's case: the balance is read once, before the retry loop; each
// attempt writes balance-amount computed from that stale read.
func Withdraw(ctx context.Context, db *sql.DB, id, amount int64) error {
	var balance int64
	if err := db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance); err != nil {
		return err
	}
	for attempt := 0; attempt < 3; attempt++ {
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id); err != nil { // want "`ExecContext` in a transaction the loop retries sets balance to `balance - amount`, read before the loop outside the transaction"
			tx.Rollback()
			return err
		}
		err = tx.Commit()
		if err == nil {
			return nil
		}
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "40001" {
			continue
		}
		return err
	}
	return errors.New("too many retries")
}

type Account struct {
	ID      int64
	Balance int64
	Owner   string
}

// pgx.BeginTxFunc in a loop; the struct is scanned before it, the new value
// computed before it and captured by the closure.
func Deposit(ctx context.Context, pool *pgxpool.Pool, id, amount int64) error {
	var acc Account
	if err := pool.QueryRow(ctx, "SELECT id, balance, owner FROM accounts WHERE id = $1", id).Scan(&acc.ID, &acc.Balance, &acc.Owner); err != nil {
		return err
	}
	newBalance := acc.Balance + amount
	var err error
	for i := 0; i < 5; i++ {
		err = pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $2 WHERE id = $1", acc.ID, newBalance) // want "`Exec` in a transaction the loop retries sets balance to `newBalance`"
			return err
		})
		if !isSerializationFailure(err) {
			return err
		}
	}
	return err
}

// cockroach-go re-runs the closure itself: the value read before it is
// written by every attempt.
func Rename(ctx context.Context, db *sql.DB, id int64, suffix string) error {
	var owner string
	if err := db.QueryRowContext(ctx, "SELECT owner FROM accounts WHERE id = $1", id).Scan(&owner); err != nil {
		return err
	}
	return crdb.ExecuteTx(ctx, db, nil, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE accounts SET owner = $1 WHERE id = $2", owner+suffix, id) // want "`ExecContext` in the transaction crdb.ExecuteTx retries sets owner to `owner \\+ suffix`, read before it outside the transaction"
		return err
	})
}

// sqlx Get into a struct, a for-ever loop, a message check, ? placeholders.
func Restock(ctx context.Context, db *sqlx.DB, sku string, n int) error {
	var item struct {
		Stock int `db:"stock"`
	}
	if err := db.GetContext(ctx, &item, "SELECT stock FROM items WHERE sku = ?", sku); err != nil {
		return err
	}
	for {
		tx, err := db.BeginTxx(ctx, nil)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE items SET stock = ?, updated_at = now() WHERE sku = ?", item.Stock+n, sku) // want "sets stock to `item.Stock \\+ n`"
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if err != nil && strings.Contains(err.Error(), "could not serialize") {
			continue
		}
		return err
	}
}

const upsertTally = `INSERT INTO tallies (day, total) VALUES ($1, $2)
	ON CONFLICT (day) DO UPDATE SET total = $2`

// An upsert's DO UPDATE SET takes the stale total.
func Tally(ctx context.Context, db *sql.DB, day string, n int64) error {
	var total int64
	if err := db.QueryRowContext(ctx, "SELECT total FROM tallies WHERE day = $1", day).Scan(&total); err != nil {
		return err
	}
	return crdb.ExecuteTx(ctx, db, nil, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, upsertTally, day, total+n) // want "sets total to `total \\+ n`"
		return err
	})
}
