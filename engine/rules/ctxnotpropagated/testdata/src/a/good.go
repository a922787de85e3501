package a

import (
	"context"
	"time"
)

// OK: ctx is passed along.
func Get(ctx context.Context, s *Store, id string) (string, error) {
	return s.Load(ctx, id)
}

// OK: graceful shutdown after ctx ended needs a fresh context.
func Run(ctx context.Context, stop func(context.Context) error) error {
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return stop(sctx)
}

// OK: deferred cleanup detached on purpose.
func WithCleanup(ctx context.Context, s *Store, release func(context.Context)) error {
	defer release(context.Background())
	_, err := s.Load(ctx, "x")
	return err
}

// OK: no ctx to propagate.
func Main(s *Store) {
	_, _ = s.Load(context.Background(), "main")
}

// OK: background work started in a goroutine outlives the request by design.
func Async(ctx context.Context, s *Store) {
	go func() {
		_, _ = s.Load(context.Background(), "async")
	}()
	_, _ = s.Load(ctx, "sync")
}

type ref struct{}

func (ref) Release(ctx context.Context) {}

// OK: cleanup detached on purpose, logging, and an explained choice.
func Cleanup(ctx context.Context, r ref, logf func(context.Context, string)) {
	r.Release(context.TODO())
	go r.Release(context.TODO())
	// A fresh context so that the copy does not race ctx.Done().
	copyCtx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = copyCtx
	pullCtx, stop := context.WithCancel(context.Background()) // TODO: bind a context to the whole controller
	defer stop()
	_ = pullCtx
}
