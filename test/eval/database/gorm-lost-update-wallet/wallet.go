package main

import (
	"context"
	"encoding/json"
	"net/http"

	"gorm.io/gorm"
)

type WalletService struct {
	db *gorm.DB
}

type topUpRequest struct {
	UserID uint  `json:"user_id"`
	Amount int64 `json:"amount"`
}

func (s *WalletService) handleTopUp(w http.ResponseWriter, r *http.Request) {
	var req topUpRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Amount <= 0 {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	balance, err := s.TopUp(r.Context(), req.UserID, req.Amount)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]int64{"balance": balance})
}

// TopUp adds amount to the user's wallet. The transaction does not help: the
// SELECT takes no row lock, so two top-ups both read 100 and both write 100+x.
func (s *WalletService) TopUp(ctx context.Context, userID uint, amount int64) (int64, error) {
	var wallet Wallet
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("user_id = ?", userID).First(&wallet).Error; err != nil { // bug-partner
			return err
		}
		wallet.Balance += amount
		return tx.Save(&wallet).Error // bug: lost-update
	})
	return wallet.Balance, err
}
