package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
)

var ErrInsufficientFunds = errors.New("insufficient funds")

type LedgerRepo struct {
	db *sql.DB
}

func (r *LedgerRepo) Transfer(ctx context.Context, from, to, amount int64) error {
	tx, err := r.db.BeginTx(ctx, nil) // bug: tx-leak
	if err != nil {
		return err
	}
	var balance int64
	if err := tx.QueryRowContext(ctx, `SELECT balance FROM accounts WHERE id = $1 FOR UPDATE`, from).Scan(&balance); err != nil {
		_ = tx.Rollback()
		return err
	}
	if balance < amount {
		return ErrInsufficientFunds // bug-partner
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, amount, from); err != nil {
		_ = tx.Rollback()
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, amount, to); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

type TransferHandler struct {
	repo *LedgerRepo
}

func (h *TransferHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct{ From, To, Amount int64 }
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := h.repo.Transfer(r.Context(), req.From, req.To, req.Amount); err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, ErrInsufficientFunds) {
			status = http.StatusUnprocessableEntity
		}
		http.Error(w, err.Error(), status)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
