package main

import (
	"context"
	"net/http"
	"strconv"

	"gorm.io/gorm"

	"goconc.dev/eval/database/gorm-lost-update-repo-helper/repo"
)

type LoyaltyService struct {
	db       *gorm.DB
	accounts *repo.Accounts
}

func (s *LoyaltyService) handleOrderPaid(w http.ResponseWriter, r *http.Request) {
	customer, err := strconv.ParseUint(r.URL.Query().Get("customer"), 10, 64)
	if err != nil {
		http.Error(w, "bad customer", http.StatusBadRequest)
		return
	}
	total, _ := strconv.ParseInt(r.URL.Query().Get("total"), 10, 64)
	if err := s.Earn(r.Context(), uint(customer), total/100); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Earn credits points to the customer's account.
func (s *LoyaltyService) Earn(ctx context.Context, customerID uint, points int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var acc repo.Account
		if err := tx.Where("customer_id = ?", customerID).First(&acc).Error; err != nil { // bug-partner
			return err
		}
		acc.Points += points
		acc.Tier = repo.TierFor(acc.Points)
		return s.accounts.Save(tx, &acc) // bug: lost-update
	})
}
