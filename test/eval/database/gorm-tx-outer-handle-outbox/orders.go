package main

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"gorm.io/gorm"
)

type Order struct {
	ID         uint
	CustomerID uint
	TotalCents int64
	Status     string
}

type OrderLine struct {
	ID      uint
	OrderID uint
	SKU     string
	Qty     int
}

type OutboxEvent struct {
	ID        uint
	Topic     string
	Payload   []byte
	CreatedAt time.Time
}

type OrderService struct {
	db *gorm.DB
}

func (s *OrderService) Create(ctx context.Context, o *Order, lines []OrderLine) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		o.Status = "placed"
		if err := tx.Create(o).Error; err != nil {
			return err
		}
		for i := range lines {
			lines[i].OrderID = o.ID
		}
		if err := tx.Create(&lines).Error; err != nil {
			return err
		}
		payload, _ := json.Marshal(o)
		return s.db.Create(&OutboxEvent{Topic: "order.placed", Payload: payload}).Error // bug: tx-outer-handle
	})
}

func (s *OrderService) handleCreate(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Order Order       `json:"order"`
		Lines []OrderLine `json:"lines"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := s.Create(r.Context(), &req.Order, req.Lines); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
