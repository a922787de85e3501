// Package dlock defines a distributed lock with leases and fencing tokens,
// implemented over Redis (package redisdlock) and PostgreSQL advisory locks
// (package pgdlock).
//
// A distributed lock cannot promise mutual exclusion on its own: a holder
// can be paused (GC, swap, SIGSTOP, a slow disk) past its lease and go on
// writing while a second holder writes too, and a Redis failover can lose a
// lock that was not yet replicated. Two things make it usable:
//
//   - The lease's Context is cancelled as soon as the lock is known lost or
//     can no longer be known held: stop work when it is done.
//
//   - Every lease carries a fencing token that is larger than the token of
//     any earlier lease on the same lock. Pass it to the protected resource
//     and let the resource refuse stale tokens, e.g. in SQL:
//
//     UPDATE accounts SET balance = $1, fence = $2 WHERE id = $3 AND fence < $2
//
//     If no row is updated, a newer holder has written: abandon the work.
//
// Use a Redis lock for efficiency (avoid doing the same work twice); use the
// fencing token or a database transaction where correctness depends on it.
package dlock

import (
	"context"
	"errors"
)

var (
	// ErrNotAcquired is returned by TryLock when another holder has the lock.
	ErrNotAcquired = errors.New("dlock: lock is held by another owner")
	// ErrLeaseLost is the cause of a lease's Context when the lock was lost
	// (expired, taken over, connection gone), and is returned by Unlock when
	// the lock was no longer held.
	ErrLeaseLost = errors.New("dlock: lease lost")
	// ErrUnlocked is the cause of a lease's Context after Unlock.
	ErrUnlocked = errors.New("dlock: unlocked")
)

// Locker acquires one named lock.
type Locker interface {
	// Lock waits until it holds the lock or ctx is done. The lease's Context
	// derives from ctx.
	Lock(ctx context.Context) (Lease, error)
	// TryLock makes one attempt and returns ErrNotAcquired if the lock is
	// held by someone else.
	TryLock(ctx context.Context) (Lease, error)
}

// Lease is one holding of a lock.
type Lease interface {
	// Token is the fencing token: strictly greater than the token of every
	// earlier lease of the same lock.
	Token() int64
	// Context is cancelled when the lease ends: on Unlock (cause
	// ErrUnlocked), when the lock is lost (cause ErrLeaseLost; see
	// context.Cause), or when the context given to Lock is done.
	Context() context.Context
	// Unlock releases the lock if this lease still holds it and stops any
	// background renewal. It returns ErrLeaseLost if the lock had already
	// been lost. Calling it again returns the first call's result.
	Unlock(ctx context.Context) error
}
