// Package store holds repositories that run on whatever handle they are given.
package store

import (
	"encoding/json"

	"gorm.io/gorm"
)

type Order struct {
	ID         uint
	CustomerID uint
	TotalCents int64
	Status     string
}

type OutboxEvent struct {
	ID      uint
	Topic   string
	Payload []byte
}

type Orders struct{ db *gorm.DB }

func NewOrders(db *gorm.DB) *Orders { return &Orders{db: db} }

func (r *Orders) Insert(o *Order) error {
	o.Status = "placed"
	return r.db.Create(o).Error
}

type Outbox struct{ db *gorm.DB }

func NewOutbox(db *gorm.DB) *Outbox { return &Outbox{db: db} }

func (r *Outbox) Publish(topic string, v any) error {
	payload, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return r.db.Create(&OutboxEvent{Topic: topic, Payload: payload}).Error
}
