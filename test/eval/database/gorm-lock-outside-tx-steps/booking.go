package main

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var ErrSeatTaken = errors.New("seat already held")

type Booking struct {
	db *gorm.DB
}

// Hold reserves a seat for user. The FOR UPDATE runs in autocommit mode.
func (b *Booking) Hold(ctx context.Context, showID uint, seatNo, user string) error {
	q := b.db.WithContext(ctx).Where("show_id = ? AND seat_no = ?", showID, seatNo)
	q = q.Clauses(clause.Locking{Strength: "UPDATE"}) // bug-partner
	var seat Seat
	if err := q.First(&seat).Error; err != nil { // bug: lock-outside-tx
		return err
	}
	if seat.HeldBy != "" {
		return ErrSeatTaken
	}
	seat.HeldBy = user
	return b.db.WithContext(ctx).Save(&seat).Error // bug-partner
}

// Confirm turns every seat the user holds into a sold ticket, in one transaction.
func (b *Booking) Confirm(ctx context.Context, showID uint, user string) error {
	return b.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.Model(&Seat{}).Where("show_id = ? AND held_by = ?", showID, user).Update("held_by", "sold:"+user).Error
	})
}

func (b *Booking) handleHold(w http.ResponseWriter, r *http.Request) {
	show, _ := strconv.ParseUint(r.PathValue("show"), 10, 64)
	if err := b.Hold(r.Context(), uint(show), r.PathValue("seat"), r.Header.Get("X-User")); err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (b *Booking) handleConfirm(w http.ResponseWriter, r *http.Request) {
	show, _ := strconv.ParseUint(r.PathValue("show"), 10, 64)
	if err := b.Confirm(r.Context(), uint(show), r.Header.Get("X-User")); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
