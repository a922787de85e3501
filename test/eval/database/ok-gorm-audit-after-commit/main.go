// Reproduces: service pattern: account closure commits its transaction and only then writes a best-effort audit row and a metrics counter through the pool handle — nothing runs on the outer handle while the transaction is open
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"log"
	"net/http"
	"strconv"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

type Account struct {
	ID       uint
	Status   string
	ClosedAt *time.Time
}

type AuditLog struct {
	ID        uint
	AccountID uint
	Action    string
}

type AccountService struct {
	db *gorm.DB
}

func main() {
	db, err := gorm.Open(postgres.Open("postgres://bank@localhost/bank"), &gorm.Config{})
	if err != nil {
		log.Fatal(err)
	}
	svc := &AccountService{db: db}
	http.HandleFunc("POST /accounts/{id}/close", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.ParseUint(r.PathValue("id"), 10, 64)
		if err := svc.Close(r.Context(), uint(id)); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}

func (s *AccountService) Close(ctx context.Context, id uint) error {
	now := time.Now()
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&Account{}).Where("id = ? AND status = ?", id, "open").
			Updates(map[string]any{"status": "closed", "closed_at": now}).Error; err != nil {
			return err
		}
		return tx.Where("account_id = ?", id).Delete(&Session{}).Error
	})
	if err != nil {
		return err
	}
	if err := s.db.WithContext(ctx).Create(&AuditLog{AccountID: id, Action: "close"}).Error; err != nil {
		log.Printf("audit: %v", err)
	}
	return nil
}

type Session struct {
	ID        uint
	AccountID uint
}
