package main

import (
	"context"
	"errors"
	"time"

	"github.com/bsm/redislock"
)

type InvoiceWorker struct {
	locker *redislock.Client
	render func(context.Context, string) ([]byte, error)
	send   func(context.Context, string, []byte) error
}

func (w *InvoiceWorker) Process(ctx context.Context, invoiceID string) error {
	lock, err := w.locker.Obtain(ctx, "invoice:"+invoiceID, 10*time.Second, nil) // bug: ttl-short
	if errors.Is(err, redislock.ErrNotObtained) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Release(context.Background())

	work, cancel := context.WithTimeout(ctx, 2*time.Minute) // bug-partner
	defer cancel()
	pdf, err := w.render(work, invoiceID)
	if err != nil {
		return err
	}
	return w.send(work, invoiceID, pdf)
}
