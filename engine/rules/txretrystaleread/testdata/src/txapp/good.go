package txapp

import (
	"context"
	"database/sql"
	"errors"

	"github.com/cockroachdb/cockroach-go/v2/crdb"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"gorm.io/gorm"
)

// Negative: the correct pattern — cockroach-go re-runs the closure, and the
// closure reads the row again through the transaction.
func WithdrawCRDB(ctx context.Context, db *sql.DB, id, amount int64) error {
	return crdb.ExecuteTx(ctx, db, nil, func(tx *sql.Tx) error {
		var balance int64
		if err := tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id)
		return err
	})
}

// Negative: the read inside each attempt of the loop.
func WithdrawLoop(ctx context.Context, db *sql.DB, id, amount int64) error {
	var balance int64
	for attempt := 0; attempt < 3; attempt++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", id).Scan(&balance); err != nil {
			tx.Rollback()
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance-amount, id); err != nil {
			tx.Rollback()
			return err
		}
		if err = tx.Commit(); err == nil {
			return nil
		}
		if !isSerializationFailure(err) {
			return err
		}
	}
	return errors.New("too many retries")
}

// Negative: a loop over items is not a retry (it goes on after a success),
// even though the value was read before it.
func ApplyAll(ctx context.Context, pool *pgxpool.Pool, ids []int64) error {
	var rate int64
	if err := pool.QueryRow(ctx, "SELECT rate FROM accounts WHERE id = 0").Scan(&rate); err != nil {
		return err
	}
	for _, id := range ids {
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE accounts SET rate = $1 WHERE id = $2", rate, id)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Negative: only the key read before the loop (the WHERE clause, an id
// column); the data written is a parameter.
func SetOwner(ctx context.Context, pool *pgxpool.Pool, email, owner string) error {
	var acc Account
	if err := pool.QueryRow(ctx, "SELECT id FROM accounts WHERE email = $1", email).Scan(&acc.ID); err != nil {
		return err
	}
	for {
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "UPDATE accounts SET owner = $1 WHERE id = $2", owner, acc.ID); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "UPDATE accounts SET parent_id = $1 WHERE owner = $2", acc.ID, owner)
			return err
		})
		if isSerializationFailure(err) {
			continue
		}
		return err
	}
}

// Negative: the value comes from another table (a setting, not the row the
// transaction updates).
func ApplyFee(ctx context.Context, db *sql.DB, id int64) error {
	var fee int64
	if err := db.QueryRowContext(ctx, "SELECT fee FROM settings LIMIT 1").Scan(&fee); err != nil {
		return err
	}
	return crdb.ExecuteTx(ctx, db, nil, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", fee, id)
		return err
	})
}

// Negative: read again in each iteration, before the transaction starts.
func Refresh(ctx context.Context, pool *pgxpool.Pool, id int64) error {
	for {
		var bal int64
		if err := pool.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&bal); err != nil {
			return err
		}
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2 AND balance = $3", bal*2, id, bal)
			return err
		})
		if isSerializationFailure(err) {
			continue
		}
		return err
	}
}

// Negative: a transaction with no retry around it.
func Once(ctx context.Context, db *sql.DB, id int64) error {
	var balance int64
	if err := db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&balance); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance+1, id); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Negative: GORM's Transaction in a retry loop whose closure reads again.
func GormRetry(db *gorm.DB, id int64) error {
	var err error
	for i := 0; i < 3; i++ {
		err = db.Transaction(func(tx *gorm.DB) error {
			var acc Account
			if err := tx.First(&acc, id).Error; err != nil {
				return err
			}
			return tx.Exec("UPDATE accounts SET balance = ? WHERE id = ?", acc.Balance+1, id).Error
		})
		if err == nil {
			break
		}
	}
	return err
}

// Negative: read before the loop and again in each iteration before the
// transaction starts.
func RefreshAgain(ctx context.Context, pool *pgxpool.Pool, id int64) error {
	var bal int64
	if err := pool.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&bal); err != nil {
		return err
	}
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			if err := pool.QueryRow(ctx, "SELECT balance FROM accounts WHERE id = $1", id).Scan(&bal); err != nil {
				return err
			}
		}
		err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", bal+1, id)
			return err
		})
		if isSerializationFailure(err) {
			continue
		}
		return err
	}
}

// Negative: a loop that retries only the Begin (a connection error), not the
// transaction; the loop goes on after success.
func Each(ctx context.Context, db *sql.DB, ids []int64) error {
	var balance int64
	if err := db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = 1").Scan(&balance); err != nil {
		return err
	}
	for _, id := range ids {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", balance, id); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
