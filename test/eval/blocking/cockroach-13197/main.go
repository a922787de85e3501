// Reproduces: cockroachdb/cockroach#13197 https://github.com/cockroachdb/cockroach/pull/13197 (GoBench goker cockroach/13197)
// Kind: recv-no-partner
// Expected: cancel-not-called, goroutine-leak
//
// A transaction starts a goroutine that waits for its context to be done in
// order to roll back. The context's cancel is stored on the txn and called by
// Rollback only; the commit path never calls it, so the goroutine waits forever.
package main

import "context"

type Tx struct {
	cancel context.CancelFunc
	done   bool
}

func (tx *Tx) awaitDone(ctx context.Context) {
	<-ctx.Done() // bug: recv-no-partner
	tx.done = true
}

func (tx *Tx) Rollback() { tx.cancel() }

func (tx *Tx) Commit() error { return nil } // bug-partner

func begin(ctx context.Context) *Tx {
	ctx, cancel := context.WithCancel(ctx)
	tx := &Tx{cancel: cancel}
	go tx.awaitDone(ctx)
	return tx
}

func main() {
	tx := begin(context.Background())
	_ = tx.Commit()
}
