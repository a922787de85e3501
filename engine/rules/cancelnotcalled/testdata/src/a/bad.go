package a

import (
	"context"
	"jobs"
	"os"
	"os/signal"
	"time"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

func fetchAll(ctx context.Context, urls []string) error {
	for _, u := range urls {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want "`defer cancel\\(\\)` in a loop runs only when the function returns"
		if err := fetch(cctx, u); err != nil {
			return err
		}
	}
	return nil
}

// A derived context passed to calls is still the iteration's.
func fetchValues(ctx context.Context, urls []string) {
	for i := 0; i < len(urls); i++ {
		cctx, stop := context.WithCancel(ctx)
		defer stop() // want "`defer stop\\(\\)` in a loop"
		_ = fetch(context.WithValue(cctx, "k", i), urls[i])
	}
}

// A helper wrapping context.WithTimeout: vet's lostcancel does not know it.
func newRequestContext(parent context.Context) (context.Context, context.CancelFunc) { // want newRequestContext:`freshCancel\[1\]`
	return context.WithTimeout(parent, 5*time.Second)
}

func handle(parent context.Context, url string) error {
	ctx, cancel := newRequestContext(parent) // want `the cancel function returned by newRequestContext\(\) is not called on every path: 1 return\(s\)`
	if url == "" {
		return nil
	}
	defer cancel()
	return fetch(ctx, url)
}

func dropped(parent context.Context) error {
	ctx, _ := newRequestContext(parent) // want `the cancel function returned by newRequestContext\(\) is discarded`
	return fetch(ctx, "x")
}

// signal.NotifyContext returns a CancelFunc too.
func waitSignal() {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt) // want `returned by signal.NotifyContext\(\) is discarded`
	<-ctx.Done()
}

// The helper's cancel deferred in a loop.
func handleAll(parent context.Context, urls []string) {
	for _, u := range urls {
		ctx, cancel := newRequestContext(parent)
		defer cancel() // want "`defer cancel\\(\\)` in a loop"
		_ = fetch(ctx, u)
	}
}

// A helper of another package that creates the context: known through its fact.
func handleRemote(parent context.Context, url string) error {
	ctx, cancel := jobs.WithJob(parent) // want `the cancel function returned by jobs.WithJob\(\) is not called on every path: 1 return\(s\)`
	if url == "" {
		return nil
	}
	defer cancel()
	return fetch(ctx, url)
}

// The error is checked, but a later return still leaves without the cancel.
func useOptsLate(parent context.Context, url string) error {
	ctx, cancel, err := withOpts(parent, time.Second) // want `the cancel function returned by withOpts\(\) is not called on every path: 1 return\(s\)`
	if err != nil {
		return err
	}
	if url == "" {
		return nil
	}
	defer cancel()
	return fetch(ctx, url)
}
