// Reproduces: service pattern: the transfer done right — defer tx.Rollback() right after BeginTx (a no-op after Commit), SELECT ... FOR UPDATE inside the transaction
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"database/sql"
	"errors"
	"log"
	"net/http"
	"strconv"

	_ "github.com/jackc/pgx/v5/stdlib"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

type LedgerRepo struct {
	db *sql.DB
}

func main() {
	db, err := sql.Open("pgx", "postgres://bank@localhost/bank")
	if err != nil {
		log.Fatal(err)
	}
	repo := &LedgerRepo{db: db}
	http.HandleFunc("POST /transfers", func(w http.ResponseWriter, r *http.Request) {
		from, _ := strconv.ParseInt(r.FormValue("from"), 10, 64)
		to, _ := strconv.ParseInt(r.FormValue("to"), 10, 64)
		amount, _ := strconv.ParseInt(r.FormValue("amount"), 10, 64)
		if err := repo.Transfer(r.Context(), from, to, amount); err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func (r *LedgerRepo) Transfer(ctx context.Context, from, to, amount int64) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var balance int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, from).Scan(&balance); err != nil {
		return err
	}
	if balance < amount {
		return ErrInsufficientFunds
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, amount, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, amount, to); err != nil {
		return err
	}
	return tx.Commit()
}
