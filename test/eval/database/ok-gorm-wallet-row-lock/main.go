// Reproduces: service pattern: the wallet top-up done right — SELECT ... FOR UPDATE inside the GORM transaction, then Save
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

type Wallet struct {
	ID      uint
	UserID  uint `gorm:"uniqueIndex"`
	Balance int64
}

type WalletService struct {
	db *gorm.DB
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://wallet@localhost/wallet"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	svc := &WalletService{db: db}
	http.HandleFunc("POST /wallets/topup", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			UserID uint  `json:"user_id"`
			Amount int64 `json:"amount"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Amount <= 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		balance, err := svc.TopUp(r.Context(), req.UserID, req.Amount)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]int64{"balance": balance})
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

// TopUp locks the wallet row for the rest of the transaction: a second
// top-up waits at its SELECT ... FOR UPDATE and reads the committed sum.
func (s *WalletService) TopUp(ctx context.Context, userID uint, amount int64) (int64, error) {
	var wallet Wallet
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("user_id = ?", userID).First(&wallet).Error; err != nil {
			return err
		}
		wallet.Balance += amount
		return tx.Save(&wallet).Error
	})
	return wallet.Balance, err
}
