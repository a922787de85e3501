package a

import (
	"context"
	"errors"
	"jobs"
	"sync"
	"time"
)

// OK: each iteration cancels its own context.
func fetchEach(ctx context.Context, urls []string) error {
	for _, u := range urls {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		err := fetch(cctx, u)
		cancel()
		if err != nil {
			return err
		}
	}
	return nil
}

// OK: the deferred cancel runs when the per-iteration closure returns.
func fetchEachClosure(ctx context.Context, urls []string) error {
	for _, u := range urls {
		if err := func() error {
			cctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			return fetch(cctx, u)
		}(); err != nil {
			return err
		}
	}
	return nil
}

// OK: one context for the whole loop.
func fetchShared(ctx context.Context, urls []string) error {
	cctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for _, u := range urls {
		if err := fetch(cctx, u); err != nil {
			return err
		}
	}
	return nil
}

// OK: the goroutines started in the loop use the context until the function's wg.Wait().
func notifyAll(urls []string, send func(context.Context, string)) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		go func() {
			defer wg.Done()
			send(cctx, u)
		}()
	}
	wg.Wait()
}

// OK: the contexts are kept past the iteration.
func collect(ctx context.Context, n int) []context.Context {
	var out []context.Context
	for i := 0; i < n; i++ {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		out = append(out, cctx)
	}
	return out
}

// OK: the case returns right after the defer: no further iteration.
func lastUpdate(ctx context.Context, tick <-chan time.Time, update func(context.Context)) {
	for {
		select {
		case <-tick:
			update(ctx)
		case <-ctx.Done():
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
			defer cancel()
			update(cctx)
			return
		}
	}
}

// OK: the helper's cancel is deferred at once, returned to the caller, or stored.
func handleDeferred(parent context.Context) error {
	ctx, cancel := newRequestContext(parent)
	defer cancel()
	return fetch(ctx, "x")
}

func passOn(parent context.Context) (context.Context, context.CancelFunc) { // want passOn:`freshCancel\[1\]`
	ctx, cancel := newRequestContext(parent)
	return ctx, cancel
}

type worker struct{ stop context.CancelFunc }

func (w *worker) start(parent context.Context) context.Context {
	ctx, cancel := newRequestContext(parent)
	w.stop = cancel
	return ctx
}

// OK: a path that ends the process does not need the cancel.
func mustFetch(parent context.Context) {
	ctx, cancel := newRequestContext(parent)
	if ctx == nil {
		panic("no context")
	}
	cancel()
}

// OK: a cancel function looked up in a registry belongs to whoever stored it
// (asynq's subscriber: `cancel, ok := s.cancelations.Get(id); if ok { cancel() }`).
func cancelJob(r *jobs.Registry, id string) {
	cancel, ok := r.Get(id)
	if !ok {
		return
	}
	cancel()
}

// OK: the same through a helper of this package that reads a field.
type holder struct{ stop context.CancelFunc }

func (h *holder) current() context.CancelFunc { return h.stop }

func stopIfBusy(h *holder, busy bool) {
	stop := h.current()
	if !busy {
		return
	}
	stop()
}

// OK: the helper fails with no context to cancel; the error path returns
// before the cancel is deferred (nats.go's getJSContextOpts and its callers).
func withOpts(parent context.Context, wait time.Duration) (context.Context, context.CancelFunc, error) { // want withOpts:`freshCancel\[1\]`
	if wait < 0 {
		return nil, nil, errors.New("negative wait")
	}
	ctx, cancel := context.WithTimeout(parent, wait)
	return ctx, cancel, nil
}

func useOpts(parent context.Context) error {
	ctx, cancel, err := withOpts(parent, time.Second)
	if err != nil {
		return err
	}
	defer cancel()
	return fetch(ctx, "x")
}
