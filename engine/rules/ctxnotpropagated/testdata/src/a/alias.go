package a

import stdctx "context"

type Context interface{ Value(any) any }

// The context package under another name is still the context package.
func Aliased(ctx stdctx.Context, s *Store) {
	_, _ = s.Load(stdctx.TODO(), "x") // want "`stdctx.TODO\\(\\)` drops the caller's `ctx`"
}

// OK: a parameter of a type merely called Context is not a context.Context.
func NotAContext(ctx Context, s *Store) {
	_, _ = s.Load(stdctx.TODO(), "x")
}
