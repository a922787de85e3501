package pgdlock_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"go.uber.org/goleak"

	"github.com/goconc/goconc/runtime/dlock"
	"github.com/goconc/goconc/runtime/dlock/pgdlock"
	"github.com/goconc/goconc/runtime/internal/testenv"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func newPool(t testing.TB, dsn string) *pgxpool.Pool {
	p, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

func randomKey() int64 { return int64(rand.Uint64() >> 1) }

func TestLockTryLockUnlock(t *testing.T) {
	pool := newPool(t, testenv.PostgresDSN(t))
	ctx := context.Background()
	l := pgdlock.New(pool, randomKey())
	a, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.TryLock(ctx); !errors.Is(err, dlock.ErrNotAcquired) {
		t.Fatalf("TryLock while held = %v", err)
	}
	tctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := l.Lock(tctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Lock while held = %v, want DeadlineExceeded", err)
	}
	if err := a.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.Unlock(ctx); err != nil {
		t.Fatalf("second Unlock = %v", err)
	}
	b, err := l.TryLock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.Token() <= a.Token() {
		t.Fatalf("token did not grow: %d then %d", a.Token(), b.Token())
	}
	if err := b.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
	// Every connection went back to the pool or was closed.
	if s := pool.Stat(); s.AcquiredConns() != 0 {
		t.Fatalf("%d connections still acquired", s.AcquiredConns())
	}
}

// Terminate the holder's backend: the server releases the lock and the
// holder's context is cancelled.
func TestDroppedConnectionTellsHolder(t *testing.T) {
	dsn := testenv.PostgresDSN(t)
	pool := newPool(t, dsn)
	ctx := context.Background()
	key := randomKey()
	l := pgdlock.New(pool, key, pgdlock.WithCheckInterval(100*time.Millisecond))
	a, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var n int
	err = admin.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted
		  AND classid = ($1::bigint >> 32)::oid AND objid = ($1::bigint & 4294967295)::oid`, key).Scan(&n)
	if err != nil || n != 1 {
		t.Fatalf("terminate holder: %d %v", n, err)
	}
	select {
	case <-a.Context().Done():
	case <-time.After(3 * time.Second):
		t.Fatal("holder not told its connection was dropped")
	}
	if !errors.Is(context.Cause(a.Context()), dlock.ErrLeaseLost) {
		t.Fatalf("cause = %v", context.Cause(a.Context()))
	}
	b, err := l.TryLock(ctx)
	if err != nil {
		t.Fatalf("lock not released with the session: %v", err)
	}
	if err := a.Unlock(ctx); !errors.Is(err, dlock.ErrLeaseLost) {
		t.Fatalf("Unlock after the drop = %v", err)
	}
	if err := b.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestCallerContextEndReleases(t *testing.T) {
	pool := newPool(t, testenv.PostgresDSN(t))
	l := pgdlock.New(pool, randomKey())
	ctx, cancel := context.WithCancel(context.Background())
	a, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	bctx, bcancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer bcancel()
	b, err := l.Lock(bctx)
	if err != nil {
		t.Fatalf("lock not released after the holder's context ended: %v", err)
	}
	_ = a.Unlock(context.Background())
	if err := b.Unlock(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// N goroutines in each of M processes increment a row with a non-atomic
// SELECT then UPDATE under the lock; the count must be exact.
func TestContentionAcrossProcesses(t *testing.T) {
	dsn := testenv.PostgresDSN(t)
	pool := newPool(t, dsn)
	ctx := context.Background()
	table := testenv.Name("counter")
	if _, err := pool.Exec(ctx, "CREATE TABLE "+table+" (id int PRIMARY KEY, n int NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	defer pool.Exec(ctx, "DROP TABLE "+table)
	pool.Exec(ctx, "INSERT INTO "+table+" VALUES (1, 0)")
	key := randomKey()
	const procs, goroutines, each = 3, 4, 10
	env := []string{"TABLE=" + table, fmt.Sprintf("KEY=%d", key), fmt.Sprintf("GOROUTINES=%d", goroutines), fmt.Sprintf("EACH=%d", each)}
	var waits []func() error
	for range procs {
		c := testenv.Helper(t, "contention", env...)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		waits = append(waits, c.Wait)
	}
	if err := contend(dsn, table, key, goroutines, each); err != nil {
		t.Error(err)
	}
	for _, w := range waits {
		if err := w(); err != nil {
			t.Errorf("helper process: %v", err)
		}
	}
	var n int
	pool.QueryRow(ctx, "SELECT n FROM "+table+" WHERE id = 1").Scan(&n)
	if want := (procs + 1) * goroutines * each; n != want {
		t.Fatalf("counter = %d, want %d", n, want)
	}
}

func contend(dsn, table string, key int64, goroutines, each int) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return err
	}
	cfg.MaxConns = int32(goroutines + 2) // waiters hold connections too
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer pool.Close()
	l := pgdlock.New(pool, key)
	var wg sync.WaitGroup
	errs := make(chan error, 2*goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				if g%2 == 0 { // half use session leases, half the xact form
					lease, err := l.Lock(ctx)
					if err != nil {
						errs <- err
						return
					}
					var n int
					if err := pool.QueryRow(ctx, "SELECT n FROM "+table+" WHERE id = 1").Scan(&n); err != nil {
						errs <- err
						return
					}
					if _, err := pool.Exec(ctx, "UPDATE "+table+" SET n = $1 WHERE id = 1", n+1); err != nil {
						errs <- err
						return
					}
					if err := lease.Unlock(ctx); err != nil {
						errs <- err
						return
					}
					continue
				}
				err := pgdlock.WithXactLock(ctx, pool, key, func(tx pgx.Tx) error {
					var n int
					if err := tx.QueryRow(ctx, "SELECT n FROM "+table+" WHERE id = 1").Scan(&n); err != nil {
						return err
					}
					_, err := tx.Exec(ctx, "UPDATE "+table+" SET n = $1 WHERE id = 1", n+1)
					return err
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func TestHelperProcess(t *testing.T) {
	if os.Getenv(testenv.HelperEnv) != "contention" {
		return
	}
	key, _ := strconv.ParseInt(os.Getenv("KEY"), 10, 64)
	g, _ := strconv.Atoi(os.Getenv("GOROUTINES"))
	n, _ := strconv.Atoi(os.Getenv("EACH"))
	if err := contend(os.Getenv("GOCONC_TEST_PG_DSN"), os.Getenv("TABLE"), key, g, n); err != nil {
		t.Fatal(err)
	}
}
