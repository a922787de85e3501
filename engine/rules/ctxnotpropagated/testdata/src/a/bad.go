package a

import (
	"context"
	"time"
)

type Store struct{}

func (s *Store) Load(ctx context.Context, id string) (string, error) { return id, ctx.Err() }

func Handle(ctx context.Context, s *Store, id string) (string, error) {
	return s.Load(context.Background(), id) // want "`context.Background\\(\\)` drops the caller's `ctx`"
}

func HandleWithTimeout(ctx context.Context, s *Store, id string) (string, error) {
	tctx, cancel := context.WithTimeout(context.TODO(), time.Second) // want "`context.TODO\\(\\)` drops the caller's `ctx`"
	defer cancel()
	return s.Load(tctx, id)
}
