// Reproduces: service pattern: the SERIALIZABLE withdrawal done right — every attempt of the retry loop reads the balance again inside its own transaction
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"errors"
	"log"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

type Payouts struct {
	pool *pgxpool.Pool
}

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres://bank@localhost/bank")
	if err != nil {
		log.Fatal(err)
	}
	svc := &Payouts{pool: pool}
	if err := svc.Withdraw(ctx, 42, 1_000); err != nil {
		log.Fatal(err)
	}
}

func isSerializationFailure(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "40001"
}

func (p *Payouts) Withdraw(ctx context.Context, accountID, amount int64) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = pgx.BeginTxFunc(ctx, p.pool, pgx.TxOptions{IsoLevel: pgx.Serializable}, func(tx pgx.Tx) error {
			var balance int64
			if err := tx.QueryRow(ctx, `SELECT balance FROM accounts WHERE id = $1`, accountID).Scan(&balance); err != nil {
				return err
			}
			if balance < amount {
				return ErrInsufficientFunds
			}
			if _, err := tx.Exec(ctx, `UPDATE accounts SET balance = $1 WHERE id = $2`, balance-amount, accountID); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO payouts (account_id, amount) VALUES ($1, $2)`, accountID, amount)
			return err
		})
		if err == nil || !isSerializationFailure(err) {
			return err
		}
	}
	return err
}
