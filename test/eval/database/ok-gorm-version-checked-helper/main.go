// Reproduces: service pattern: the loyalty read-modify-write done with optimistic locking — UPDATE ... WHERE version = ?, RowsAffected checked in a helper of another file, retried on conflict
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"errors"
	"log"
	"net/http"
	"strconv"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

type Account struct {
	ID         uint
	CustomerID uint `gorm:"uniqueIndex"`
	Points     int64
	Version    int64
}

type LoyaltyService struct {
	db *gorm.DB
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://loyalty@localhost/loyalty"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	svc := &LoyaltyService{db: db}
	http.HandleFunc("POST /customers/{id}/points", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseUint(r.PathValue("id"), 10, 64)
		pts, _ := strconv.ParseInt(r.URL.Query().Get("points"), 10, 64)
		if err := svc.Earn(r.Context(), uint(id), pts); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

// Earn retries the optimistic update until it wins or runs out of attempts.
func (s *LoyaltyService) Earn(ctx context.Context, customerID uint, points int64) error {
	for attempt := 0; attempt < 5; attempt++ {
		var acc Account
		if err := s.db.WithContext(ctx).Where("customer_id = ?", customerID).First(&acc).Error; err != nil {
			return err
		}
		res := s.db.WithContext(ctx).Model(&Account{}).
			Where("id = ? AND version = ?", acc.ID, acc.Version).
			Updates(map[string]any{"points": acc.Points + points, "version": acc.Version + 1})
		err := mustAffectOne(res)
		if errors.Is(err, errConflict) {
			continue
		}
		return err
	}
	return errConflict
}
