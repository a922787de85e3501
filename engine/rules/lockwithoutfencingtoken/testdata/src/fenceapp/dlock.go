package fenceapp

import (
	"context"
	"database/sql"
	"sync"

	"github.com/goconc/goconc/runtime/dlock"
	"github.com/goconc/goconc/runtime/dlock/pgdlock"
	"github.com/goconc/goconc/runtime/dlock/redisdlock"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"gorm.io/gorm"
)

type Account struct {
	ID      int64
	Balance int64
	Fence   int64
}

// Positives: writes under a held lease, none carrying its token.

func sqlUnderLease(ctx context.Context, locker dlock.Locker, db *sql.DB, id, bal int64) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	_, err = db.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", bal, id) // want `\(\*sql\.DB\)\.ExecContext writes while the distributed lock taken at line 26 is held but does not carry the lease's fencing token`
	return err
}

func pgxUnderRedisLease(ctx context.Context, rdb *redis.Client, pool *pgxpool.Pool, id int64) error {
	lease, err := redisdlock.New(rdb, "accounts").Lock(ctx)
	if err != nil {
		return err
	}
	if _, err := pool.Exec(ctx, "DELETE FROM holds WHERE account = $1", id); err != nil { // want `\(\*pgxpool\.Pool\)\.Exec writes while the distributed lock taken at line 36`
		lease.Unlock(ctx)
		return err
	}
	// Read: not a write.
	var n int64
	_ = pool.QueryRow(ctx, "SELECT count(*) FROM holds WHERE account = $1", id).Scan(&n)
	// UPDATE … RETURNING through a query method writes.
	_ = pool.QueryRow(ctx, "UPDATE accounts SET balance = 0 WHERE id = $1 RETURNING balance", id).Scan(&n) // want `\(\*pgxpool\.Pool\)\.QueryRow writes while`
	if err := lease.Unlock(ctx); err != nil {
		return err
	}
	// After the release: not in the hold.
	_, err = pool.Exec(ctx, "UPDATE stats SET runs = runs + 1")
	return err
}

func gormUnderLease(ctx context.Context, locker dlock.Locker, gdb *gorm.DB, acc *Account) error {
	lease, err := locker.TryLock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	acc.Balance += 10
	return gdb.WithContext(ctx).Save(acc).Error // want `\(\*gorm\.DB\)\.Save writes while the distributed lock taken at line 58`
}

func redisUnderLease(ctx context.Context, locker dlock.Locker, rdb *redis.Client) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	return rdb.Set(ctx, "report:latest", "done", 0).Err() // want `\(\*redis\.Client\)\.Set writes while`
}

// A helper called under the lease writes: reported at the write.
func saveBalance(ctx context.Context, db *sql.DB, id, bal int64) error {
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = $1 WHERE id = $2", bal, id) // want `\(\*sql\.DB\)\.ExecContext writes while the distributed lock taken at line 83`
	return err
}

func helperUnderLease(ctx context.Context, locker dlock.Locker, db *sql.DB) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	return saveBalance(ctx, db, 1, 100)
}

// A transaction callback runs in the hold.
func txCallbackUnderLease(ctx context.Context, locker dlock.Locker, gdb *gorm.DB) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	return gdb.Transaction(func(tx *gorm.DB) error {
		return tx.Create(&Account{ID: 7}).Error // want `\(\*gorm\.DB\)\.Create writes while`
	})
}

// Negatives.

// The token as an argument, through a variable.
func fencedSQL(ctx context.Context, locker dlock.Locker, db *sql.DB, id, bal int64) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	fence := lease.Token()
	_, err = db.ExecContext(ctx, "UPDATE accounts SET balance = $1, fence = $2 WHERE id = $3 AND fence < $2", bal, fence, id)
	return err
}

// The token in a struct field of the saved row.
func fencedGormRow(ctx context.Context, locker dlock.Locker, gdb *gorm.DB, id int64) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	row := Account{ID: id, Balance: 5, Fence: lease.Token()}
	return gdb.Save(&row).Error
}

// The token in a GORM builder chain.
func fencedGormWhere(ctx context.Context, locker dlock.Locker, gdb *gorm.DB, id int64) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	return gdb.Model(&Account{}).Where("id = ? AND fence < ?", id, lease.Token()).
		Updates(map[string]any{"balance": 0, "fence": lease.Token()}).Error
}

// The token through a helper's parameter.
func saveFenced(ctx context.Context, db *sql.DB, id, bal, fence int64) error {
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = $1, fence = $3 WHERE id = $2 AND fence < $3", bal, id, fence)
	return err
}

func fencedHelper(ctx context.Context, locker dlock.Locker, db *sql.DB) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	return saveFenced(ctx, db, 1, 100, lease.Token())
}

// The token through a helper's result.
func fenceOf(l dlock.Lease) int64 { return l.Token() }

func fencedThroughResult(ctx context.Context, locker dlock.Locker, db *sql.DB) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	_, err = db.ExecContext(ctx, "UPDATE jobs SET fence = $1 WHERE fence < $1", fenceOf(lease))
	return err
}

// The token kept in a field by one method and written by another.
type worker struct {
	db    *sql.DB
	fence int64
}

func (w *worker) flush(ctx context.Context, v int64) error {
	_, err := w.db.ExecContext(ctx, "UPDATE totals SET v = $1, fence = $2 WHERE fence < $2", v, w.fence)
	return err
}

func (w *worker) run(ctx context.Context, locker dlock.Locker) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	w.fence = lease.Token()
	return w.flush(ctx, 3)
}

// Reads only.
func readsUnderLease(ctx context.Context, locker dlock.Locker, db *sql.DB, rdb *redis.Client) (int64, error) {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return 0, err
	}
	defer lease.Unlock(ctx)
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT balance FROM accounts WHERE id = 1").Scan(&n); err != nil {
		return 0, err
	}
	_, err = rdb.Get(ctx, "report:latest").Result()
	return n, err
}

// A transaction-scoped advisory lock: the writes are in the lock's own transaction.
func xactLock(ctx context.Context, pool *pgxpool.Pool) error {
	return pgdlock.WithXactLock(ctx, pool, pgdlock.Key("accounts"), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE accounts SET balance = 0")
		return err
	})
}

// A local mutex is not a distributed lock.
var mu sync.Mutex

func localMutex(ctx context.Context, db *sql.DB) error {
	mu.Lock()
	defer mu.Unlock()
	_, err := db.ExecContext(ctx, "UPDATE accounts SET balance = 0")
	return err
}

// The failed acquisition's branch holds nothing; a release through a
// closure ends the hold.
func failurePathAndClosureRelease(ctx context.Context, locker dlock.Locker, db *sql.DB) error {
	lease, err := locker.TryLock(ctx)
	if err != nil {
		_, _ = db.ExecContext(ctx, "INSERT INTO lock_misses (name) VALUES ('accounts')")
		return err
	}
	release := func() { _ = lease.Unlock(ctx) }
	release()
	_, err = db.ExecContext(ctx, "UPDATE stats SET runs = runs + 1")
	return err
}

// GORM Exec of a read (a constant SELECT) is not a write; of an UPDATE it is.
func gormExec(ctx context.Context, locker dlock.Locker, gdb *gorm.DB) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	if err := gdb.Exec("SELECT pg_sleep(0)").Error; err != nil {
		return err
	}
	return gdb.Exec("UPDATE jobs SET state = 'done'").Error // want `\(\*gorm\.DB\)\.Exec writes while`
}

// A pgx transaction and a goroutine started in the hold write in it too.
func txAndGoroutine(ctx context.Context, locker dlock.Locker, pool *pgxpool.Pool, rdb *redis.Client) error {
	lease, err := locker.Lock(ctx)
	if err != nil {
		return err
	}
	defer lease.Unlock(ctx)
	done := make(chan error, 1)
	go func() {
		done <- rdb.HSet(ctx, "job:1", "state", "running").Err() // want `\(\*redis\.Client\)\.HSet writes while`
	}()
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "INSERT INTO audit (what) VALUES ('run')"); err != nil { // want `pgx\.Tx\.Exec writes while`
		return err
	}
	// The token in the transaction's fenced write.
	if _, err := tx.Exec(ctx, "UPDATE jobs SET fence = $1 WHERE id = 1 AND fence < $1", lease.Token()); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	return <-done
}
