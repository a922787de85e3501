package redisdlock_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/redis/go-redis/v9"
	"go.uber.org/goleak"

	"github.com/goconc/goconc/runtime/dlock"
	"github.com/goconc/goconc/runtime/dlock/redisdlock"
	"github.com/goconc/goconc/runtime/internal/testenv"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func client(t testing.TB, addr string) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1,
		DialTimeout: 200 * time.Millisecond, ReadTimeout: 500 * time.Millisecond})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func TestLockTryLockUnlock(t *testing.T) {
	rdb := client(t, testenv.RedisAddr(t))
	ctx := context.Background()
	l := redisdlock.New(rdb, testenv.Name("basic"), redisdlock.WithTTL(2*time.Second))

	a, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.TryLock(ctx); !errors.Is(err, dlock.ErrNotAcquired) {
		t.Fatalf("TryLock while held = %v", err)
	}
	tctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
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
	if !errors.Is(context.Cause(a.Context()), dlock.ErrUnlocked) {
		t.Fatalf("cause after Unlock = %v", context.Cause(a.Context()))
	}
	b, err := l.TryLock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Unlock(ctx)
	if b.Token() <= a.Token() {
		t.Fatalf("token did not grow: %d then %d", a.Token(), b.Token())
	}
}

func TestWatchdogRenews(t *testing.T) {
	rdb := client(t, testenv.RedisAddr(t))
	ctx := context.Background()
	l := redisdlock.New(rdb, testenv.Name("renew"), redisdlock.WithTTL(600*time.Millisecond))
	a, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second) // > 3 TTLs
	if a.Context().Err() != nil {
		t.Fatalf("lease lost while renewing: %v", context.Cause(a.Context()))
	}
	if _, err := l.TryLock(ctx); !errors.Is(err, dlock.ErrNotAcquired) {
		t.Fatalf("TryLock after renewals = %v", err)
	}
	if err := a.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestWithoutWatchdogLeaseExpires(t *testing.T) {
	rdb := client(t, testenv.RedisAddr(t))
	ctx := context.Background()
	l := redisdlock.New(rdb, testenv.Name("expire"), redisdlock.WithTTL(200*time.Millisecond), redisdlock.WithoutWatchdog())
	a, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-a.Context().Done():
	case <-time.After(2 * time.Second):
		t.Fatal("lease context not cancelled at expiry")
	}
	if !errors.Is(context.Cause(a.Context()), dlock.ErrLeaseLost) {
		t.Fatalf("cause = %v", context.Cause(a.Context()))
	}
	b, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Unlock(ctx); !errors.Is(err, dlock.ErrLeaseLost) {
		t.Fatalf("stale Unlock = %v, want ErrLeaseLost", err)
	}
	// The stale Unlock must not have released b's lock.
	if _, err := l.TryLock(ctx); !errors.Is(err, dlock.ErrNotAcquired) {
		t.Fatalf("stale Unlock released the new holder's lock: %v", err)
	}
	if err := b.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestCallerContextEndReleases(t *testing.T) {
	rdb := client(t, testenv.RedisAddr(t))
	l := redisdlock.New(rdb, testenv.Name("parent"), redisdlock.WithTTL(10*time.Second))
	ctx, cancel := context.WithCancel(context.Background())
	a, err := l.Lock(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	b, err := l.Lock(withTimeout(t, 3*time.Second))
	if err != nil {
		t.Fatalf("lock not given back after the holder's context ended: %v", err)
	}
	_ = a.Unlock(context.Background())
	if err := b.Unlock(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// N goroutines in each of M processes increment a counter with a
// non-atomic GET then SET under the lock; the count must be exact.
func TestContentionAcrossProcesses(t *testing.T) {
	addr := testenv.RedisAddr(t)
	rdb := client(t, addr)
	name := testenv.Name("contention")
	const procs, goroutines, each = 3, 4, 10
	var cmds []*errCmd
	for range procs {
		c := testenv.Helper(t, "contention", "LOCK_NAME="+name, fmt.Sprintf("GOROUTINES=%d", goroutines), fmt.Sprintf("EACH=%d", each))
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, &errCmd{c.Wait})
	}
	if err := contend(addr, name, goroutines, each); err != nil {
		t.Error(err)
	}
	for _, c := range cmds {
		if err := c.wait(); err != nil {
			t.Errorf("helper process: %v", err)
		}
	}
	n, err := rdb.Get(context.Background(), "counter:"+name).Int()
	if err != nil {
		t.Fatal(err)
	}
	if want := (procs + 1) * goroutines * each; n != want {
		t.Fatalf("counter = %d, want %d", n, want)
	}
}

type errCmd struct{ wait func() error }

func contend(addr, name string, goroutines, each int) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	l := redisdlock.New(rdb, name, redisdlock.WithTTL(5*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				lease, err := l.Lock(ctx)
				if err != nil {
					errs <- err
					return
				}
				n, err := rdb.Get(ctx, "counter:"+name).Int()
				if err != nil && !errors.Is(err, redis.Nil) {
					errs <- err
					return
				}
				if err := rdb.Set(ctx, "counter:"+name, n+1, 0).Err(); err != nil {
					errs <- err
					return
				}
				if err := lease.Unlock(ctx); err != nil {
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

// Kill Redis under a held lock: the holder's context must be cancelled, and
// after Redis comes back empty a new holder must get a larger token.
func TestKillRedisWhileHeld(t *testing.T) {
	srv := testenv.StartRedis(t)
	rdb := client(t, srv.Addr)
	l := redisdlock.New(rdb, "killed", redisdlock.WithTTL(600*time.Millisecond))
	a, err := l.Lock(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	srv.Kill()
	killed := time.Now()
	select {
	case <-a.Context().Done():
	case <-time.After(3 * time.Second):
		t.Fatal("holder not told after Redis died")
	}
	if d := time.Since(killed); d > 1600*time.Millisecond { // TTL + scheduling slack under -race on a busy CI
		t.Errorf("holder told after %v, well past the 600ms TTL", d)
	}
	if !errors.Is(context.Cause(a.Context()), dlock.ErrLeaseLost) {
		t.Fatalf("cause = %v", context.Cause(a.Context()))
	}
	srv.Start() // empty data: the fence counter is gone
	b, err := l.Lock(withTimeout(t, 5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if b.Token() <= a.Token() {
		t.Fatalf("second holder got token %d, not above the first holder's %d", b.Token(), a.Token())
	}
	if err := a.Unlock(context.Background()); !errors.Is(err, dlock.ErrLeaseLost) {
		t.Fatalf("first holder's Unlock = %v, want ErrLeaseLost", err)
	}
	if err := b.Unlock(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// Pause the holder (SIGSTOP) past its TTL: a second holder gets a higher
// token and writes; the first holder, resumed, is refused by the fenced
// write and told its lease is lost.
func TestPausedHolderIsFencedOut(t *testing.T) {
	addr := testenv.RedisAddr(t)
	dsn := testenv.PostgresDSN(t)
	ctx := context.Background()
	pg, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close(ctx)
	table := testenv.Name("fenced")
	if _, err := pg.Exec(ctx, "CREATE TABLE "+table+" (id int PRIMARY KEY, owner text, fence bigint NOT NULL DEFAULT 0)"); err != nil {
		t.Fatal(err)
	}
	defer pg.Exec(ctx, "DROP TABLE "+table)
	pg.Exec(ctx, "INSERT INTO "+table+" (id, owner) VALUES (1, 'nobody')")

	name := testenv.Name("paused")
	cmd := testenv.Helper(t, "paused", "LOCK_NAME="+name, "TABLE="+table)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	out := bufio.NewScanner(stdout)
	line := func() string {
		if !out.Scan() {
			t.Fatalf("helper ended early: %v", out.Err())
		}
		return out.Text()
	}
	tok1, err := strconv.ParseInt(strings.TrimPrefix(line(), "TOKEN "), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	time.Sleep(900 * time.Millisecond) // TTL is 400ms

	rdb := client(t, addr)
	b, err := redisdlock.New(rdb, name, redisdlock.WithTTL(5*time.Second)).Lock(withTimeout(t, 5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Unlock(ctx)
	if b.Token() <= tok1 {
		t.Fatalf("second holder token %d <= paused holder's %d", b.Token(), tok1)
	}
	tag, err := pg.Exec(ctx, "UPDATE "+table+" SET owner = 'second', fence = $1 WHERE id = 1 AND fence < $1", b.Token())
	if err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("second holder's fenced write: %v %v", tag, err)
	}

	_ = cmd.Process.Signal(syscall.SIGCONT)
	fmt.Fprintln(stdin, "write")
	if got := line(); got != "WRITE 0" {
		t.Errorf("paused holder's write with the old token: %q, want it refused (WRITE 0)", got)
	}
	if got := line(); !strings.HasPrefix(got, "LOST dlock: lease lost") {
		t.Errorf("paused holder: %q, want its lease context cancelled", got)
	}
	if got := line(); got != "UNLOCK dlock: lease lost" {
		t.Errorf("paused holder: %q", got)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	var owner string
	pg.QueryRow(ctx, "SELECT owner FROM "+table+" WHERE id = 1").Scan(&owner)
	if owner != "second" {
		t.Fatalf("owner = %q", owner)
	}
}

// TestHelperProcess is the body of the helper processes; it does nothing
// in a normal run.
func TestHelperProcess(t *testing.T) {
	switch os.Getenv(testenv.HelperEnv) {
	case "":
		return
	case "contention":
		g, _ := strconv.Atoi(os.Getenv("GOROUTINES"))
		n, _ := strconv.Atoi(os.Getenv("EACH"))
		if err := contend(os.Getenv("GOCONC_TEST_REDIS_ADDR"), os.Getenv("LOCK_NAME"), g, n); err != nil {
			t.Fatal(err)
		}
	case "paused":
		ctx := context.Background()
		rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("GOCONC_TEST_REDIS_ADDR")})
		defer rdb.Close()
		pg, err := pgx.Connect(ctx, os.Getenv("GOCONC_TEST_PG_DSN"))
		if err != nil {
			t.Fatal(err)
		}
		defer pg.Close(ctx)
		lease, err := redisdlock.New(rdb, os.Getenv("LOCK_NAME"), redisdlock.WithTTL(400*time.Millisecond)).Lock(ctx)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("TOKEN %d\n", lease.Token())
		bufio.NewReader(os.Stdin).ReadString('\n') // paused here by the parent
		tag, err := pg.Exec(ctx, "UPDATE "+os.Getenv("TABLE")+" SET owner = 'paused', fence = $1 WHERE id = 1 AND fence < $1", lease.Token())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("WRITE %d\n", tag.RowsAffected())
		select {
		case <-lease.Context().Done():
			fmt.Printf("LOST %v\n", context.Cause(lease.Context()))
		case <-time.After(3 * time.Second):
			fmt.Println("NOT LOST")
		}
		fmt.Printf("UNLOCK %v\n", lease.Unlock(ctx))
	}
}

func withTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
