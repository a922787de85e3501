// Package redisdlock stands in for goconc's runtime/dlock/redisdlock (the
// rule knows it by its path's last two elements).
package redisdlock

import (
	"context"
	"time"
)

type Option func(*Locker)

type Locker struct {
	ttl      time.Duration
	watchdog bool
}

type Lease struct{ ctx context.Context }

func (l *Lease) Context() context.Context         { return l.ctx }
func (l *Lease) Unlock(ctx context.Context) error { return nil }

func WithTTL(d time.Duration) Option { return func(l *Locker) { l.ttl = d } }
func WithoutWatchdog() Option        { return func(l *Locker) { l.watchdog = false } }

func New(name string, opts ...Option) *Locker {
	l := &Locker{ttl: 10 * time.Second, watchdog: true}
	for _, o := range opts {
		o(l)
	}
	return l
}

func (l *Locker) Lock(ctx context.Context) (*Lease, error) { return &Lease{ctx: ctx}, nil }
