package pool_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/goconc/goconc/runtime/pool"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func double(_ context.Context, n int) (int, error) { return 2 * n, nil }

func TestRunsEveryTask(t *testing.T) {
	var sum atomic.Int64
	p := pool.New(func(_ context.Context, n int) (struct{}, error) {
		sum.Add(int64(n))
		return struct{}{}, nil
	}, pool.WithWorkers(4), pool.WithQueueSize(2))
	for i := 1; i <= 1000; i++ {
		if err := p.Submit(context.Background(), i); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	if got := sum.Load(); got != 500500 {
		t.Fatalf("sum = %d, want 500500", got)
	}
	m := p.Metrics()
	if m.Submitted != 1000 || m.Completed != 1000 || m.Failed != 0 || m.Running != 0 || m.Queued != 0 {
		t.Fatalf("metrics = %+v", m)
	}
}

func TestOrderedResults(t *testing.T) {
	p := pool.New(func(_ context.Context, n int) (int, error) {
		time.Sleep(time.Duration(n%7) * 100 * time.Microsecond) // finish out of order
		return n * n, nil
	}, pool.WithWorkers(8), pool.WithOrderedResults(-1))
	const n = 500
	go func() {
		defer p.Close()
		for i := range n {
			if err := p.Submit(context.Background(), i); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	i := 0
	for r := range p.Results() {
		if r.Input != i || r.Value != i*i || r.Seq != uint64(i) || r.Err != nil {
			t.Fatalf("result %d = %+v", i, r)
		}
		i++
	}
	if i != n {
		t.Fatalf("got %d results, want %d", i, n)
	}
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestAsCompletedResults(t *testing.T) {
	p := pool.New(double, pool.WithWorkers(3), pool.WithResults(0))
	const n = 300
	go func() {
		defer p.Close()
		for i := range n {
			_ = p.Submit(context.Background(), i)
		}
	}()
	seen := make(map[int]bool)
	for r := range p.Results() {
		if r.Value != 2*r.Input || seen[r.Input] {
			t.Fatalf("bad or duplicate result %+v", r)
		}
		seen[r.Input] = true
	}
	if len(seen) != n {
		t.Fatalf("got %d results, want %d", len(seen), n)
	}
	_ = p.Wait()
}

// block returns a task function that blocks until release is closed or its
// context is cancelled, counting how many tasks started.
func block(release <-chan struct{}, started *atomic.Int64) func(context.Context, int) (int, error) {
	return func(ctx context.Context, n int) (int, error) {
		started.Add(1)
		select {
		case <-release:
			return n, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

func TestSubmitBlocksUntilContextDone(t *testing.T) {
	release := make(chan struct{})
	var started atomic.Int64
	p := pool.New(block(release, &started), pool.WithWorkers(1), pool.WithQueueSize(1))
	defer p.Stop()
	ctx := context.Background()
	if err := p.Submit(ctx, 1); err != nil { // taken by the worker
		t.Fatal(err)
	}
	if err := p.Submit(ctx, 2); err != nil { // queued
		t.Fatal(err)
	}
	waitFor(t, func() bool { return started.Load() == 1 && p.Metrics().Queued == 1 })
	if err := p.TrySubmit(3); !errors.Is(err, pool.ErrOverloaded) {
		t.Fatalf("TrySubmit on a full queue = %v, want ErrOverloaded", err)
	}
	tctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := p.Submit(tctx, 3); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Submit on a full queue = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d < 15*time.Millisecond {
		t.Fatalf("Submit returned after %v, it should have blocked", d)
	}
	if m := p.Metrics(); m.Rejected != 1 || m.Submitted != 2 {
		t.Fatalf("metrics = %+v", m)
	}
	close(release)
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
}

func TestSubmitAfterCloseAndBlockedSubmitWokenByClose(t *testing.T) {
	release := make(chan struct{})
	var started atomic.Int64
	p := pool.New(block(release, &started), pool.WithWorkers(1), pool.WithQueueSize(0))
	_ = p.Submit(context.Background(), 1)
	waitFor(t, func() bool { return started.Load() == 1 })
	errc := make(chan error)
	go func() { errc <- p.Submit(context.Background(), 2) }() // blocks: no idle worker, no queue
	time.Sleep(10 * time.Millisecond)
	p.Close()
	if err := <-errc; !errors.Is(err, pool.ErrClosed) {
		t.Fatalf("blocked Submit after Close = %v, want ErrClosed", err)
	}
	if err := p.Submit(context.Background(), 3); !errors.Is(err, pool.ErrClosed) {
		t.Fatalf("Submit after Close = %v", err)
	}
	if err := p.TrySubmit(3); !errors.Is(err, pool.ErrClosed) {
		t.Fatalf("TrySubmit after Close = %v", err)
	}
	close(release)
	p.Close()
	_ = p.Wait()
	_ = p.Wait()
	_ = p.Stop()
}

func TestConcurrentSubmitAndCloseNeverLosesAcceptedTasks(t *testing.T) {
	for range 50 {
		var ran atomic.Int64
		p := pool.New(func(context.Context, int) (int, error) { ran.Add(1); return 0, nil },
			pool.WithWorkers(2), pool.WithQueueSize(4))
		var accepted atomic.Int64
		var wg sync.WaitGroup
		for g := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 100 {
					var err error
					if (g+i)%2 == 0 {
						err = p.Submit(context.Background(), i)
					} else {
						err = p.TrySubmit(i)
					}
					switch {
					case err == nil:
						accepted.Add(1)
					case errors.Is(err, pool.ErrClosed), errors.Is(err, pool.ErrOverloaded):
					default:
						t.Error(err)
					}
				}
			}()
		}
		time.Sleep(time.Millisecond)
		p.Close()
		wg.Wait()
		_ = p.Wait()
		if ran.Load() != accepted.Load() {
			t.Fatalf("ran %d tasks, accepted %d", ran.Load(), accepted.Load())
		}
	}
}

func TestPanicBecomesErrorWithStack(t *testing.T) {
	p := pool.New(func(_ context.Context, n int) (int, error) {
		if n == 3 {
			panic(io.ErrUnexpectedEOF)
		}
		return n, nil
	}, pool.WithWorkers(2), pool.WithResults(-1))
	go func() {
		defer p.Close()
		for i := range 5 {
			_ = p.Submit(context.Background(), i)
		}
	}()
	var perr *pool.PanicError
	for r := range p.Results() {
		if r.Input == 3 {
			if !errors.As(r.Err, &perr) {
				t.Fatalf("result for the panicking task: %v", r.Err)
			}
		} else if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	if perr == nil {
		t.Fatal("no panic result")
	}
	if !strings.Contains(string(perr.Stack), "TestPanicBecomesErrorWithStack") {
		t.Fatalf("stack does not name the panicking function:\n%s", perr.Stack)
	}
	err := p.Wait()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("Wait = %v, want the panic value wrapped", err)
	}
	if m := p.Metrics(); m.Panicked != 1 || m.Failed != 1 || m.Completed != 5 {
		t.Fatalf("metrics = %+v", m)
	}
}

// The seed's WorkerPool blocks its workers on `results <-` forever once the
// consumer stops reading. Here leaving the loop releases them.
func TestConsumerLeavingReleasesWorkers(t *testing.T) {
	for _, opt := range []pool.Option{pool.WithResults(0), pool.WithOrderedResults(0)} {
		p := pool.New(double, pool.WithWorkers(4), opt)
		go func() {
			defer p.Close()
			for i := 0; ; i++ {
				if p.Submit(context.Background(), i) != nil {
					return
				}
			}
		}()
		n := 0
		for range p.Results() {
			n++
			if n == 10 {
				break
			}
		}
		done := make(chan struct{})
		go func() { _ = p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("workers still blocked after the consumer left")
		}
	}
}

// Nobody ever reads results; Stop must still return (pond #138 shape: the
// context is cancelled with tasks queued).
func TestStopWithUnreadResultsAndQueuedTasks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := pool.New(double, pool.WithWorkers(2), pool.WithQueueSize(100), pool.WithResults(0), pool.WithContext(ctx))
	for i := range 100 {
		if err := p.Submit(context.Background(), i); err != nil {
			t.Fatal(err)
		}
	}
	cancel()
	select {
	case <-p.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("pool did not stop after its context was cancelled")
	}
	if err := p.Submit(context.Background(), 1); !errors.Is(err, pool.ErrClosed) {
		t.Fatalf("Submit after the pool context ended = %v", err)
	}
	_ = p.Stop()
	m := p.Metrics()
	if m.Completed+m.Dropped != 100 {
		t.Fatalf("completed %d + dropped %d != 100", m.Completed, m.Dropped)
	}
}

func TestShutdown(t *testing.T) {
	t.Run("drains", func(t *testing.T) {
		var n atomic.Int64
		p := pool.New(func(context.Context, int) (int, error) {
			time.Sleep(time.Millisecond)
			n.Add(1)
			return 0, nil
		}, pool.WithWorkers(2), pool.WithQueueSize(10))
		for i := range 10 {
			_ = p.Submit(context.Background(), i)
		}
		if err := p.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n.Load() != 10 {
			t.Fatalf("ran %d of 10", n.Load())
		}
	})
	t.Run("deadline cancels running tasks", func(t *testing.T) {
		var started atomic.Int64
		p := pool.New(block(nil, &started), pool.WithWorkers(2), pool.WithQueueSize(10))
		for i := range 10 {
			_ = p.Submit(context.Background(), i)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		if err := p.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Shutdown = %v", err)
		}
		if err := p.Wait(); !errors.Is(err, context.Canceled) {
			t.Fatalf("running tasks should have seen cancellation, Wait = %v", err)
		}
		if m := p.Metrics(); m.Dropped != 8 || m.Completed != 2 {
			t.Fatalf("metrics = %+v", m)
		}
	})
}

func TestIdempotentConcurrentCloseWaitStop(t *testing.T) {
	p := pool.New(double, pool.WithWorkers(2))
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			switch i % 4 {
			case 0:
				p.Close()
			case 1:
				_ = p.Wait()
			case 2:
				_ = p.Stop()
			case 3:
				_ = p.Shutdown(context.Background())
			}
		}()
	}
	wg.Wait()
}

func TestFirstErrorFromWait(t *testing.T) {
	boom := errors.New("boom")
	p := pool.New(func(_ context.Context, n int) (int, error) {
		if n == 5 {
			return 0, boom
		}
		return n, nil
	}, pool.WithWorkers(3))
	for i := range 10 {
		_ = p.Submit(context.Background(), i)
	}
	if err := p.Wait(); !errors.Is(err, boom) {
		t.Fatalf("Wait = %v", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached")
		}
		time.Sleep(time.Millisecond)
	}
}
