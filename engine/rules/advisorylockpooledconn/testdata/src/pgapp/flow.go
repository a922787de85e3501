package advisorypooled

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// The query in a package variable.
var lockQuery = "SELECT pg_advisory_lock($1)"

func LockVar(ctx context.Context, db *sql.DB, key int64) error {
	_, err := db.ExecContext(ctx, lockQuery, key) // want "`pg_advisory_lock` runs through the pool `db` \\(\\*sql.DB\\)"
	return err
}

// The query built with fmt.Sprintf or a concatenation: the constant part names the function.
func LockSprintf(ctx context.Context, db *sql.DB, key int64) error {
	_, err := db.ExecContext(ctx, fmt.Sprintf("SELECT pg_advisory_lock(%d)", key)) // want "`pg_advisory_lock` runs through the pool `db`"
	return err
}

func UnlockConcat(ctx context.Context, db *sql.DB, key string) error {
	_, err := db.ExecContext(ctx, "SELECT pg_advisory_unlock("+key+")") // want "`pg_advisory_unlock` runs through the pool `db`"
	return err
}

// The query chosen on a branch: either is a session lock.
func LockEither(ctx context.Context, db *sql.DB, try bool) error {
	q := "SELECT pg_advisory_lock(1)"
	if try {
		q = "SELECT pg_try_advisory_lock(1)"
	}
	_, err := db.ExecContext(ctx, q) // want "runs through the pool `db`"
	return err
}

// The query passed in by the package's own callers; the report says where from.
func (m *Migrator) run(ctx context.Context, q string) error {
	_, err := m.db.ExecContext(ctx, q, m.key) // want "`pg_advisory_lock` runs through the pool `m.db` \\(\\*sql.DB\\)"
	return err
}

// Lock and Unlock as two methods of one type, through the same pool field:
// the lock's report points at the unlock.
type Migrator struct {
	db  *sql.DB
	key int64
}

func (m *Migrator) Lock(ctx context.Context) error { return m.run(ctx, "SELECT pg_advisory_lock($1)") }

func (m *Migrator) Acquire(ctx context.Context) error {
	_, err := m.db.ExecContext(ctx, "SELECT pg_advisory_lock_shared($1)", m.key) // want "`pg_advisory_lock_shared` runs through the pool `m.db`"
	return err
}

func (m *Migrator) Release(ctx context.Context) error {
	_, err := m.db.ExecContext(ctx, "SELECT pg_advisory_unlock_shared($1)", m.key) // want "`pg_advisory_unlock_shared` runs through the pool `m.db`"
	return err
}

// A pool behind an interface the package converts it to.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (any, error)
}

type pgExecer struct{ *pgxpool.Pool }

func (p pgExecer) Exec(ctx context.Context, sql string, args ...any) (any, error) {
	return p.Pool.Exec(ctx, sql, args...)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func TryLockVia(ctx context.Context, db *sql.DB) (bool, error) {
	var q querier = db
	var ok bool
	err := q.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(9)").Scan(&ok) // want "`pg_try_advisory_lock` runs through the pool `q` \\(\\*sql.DB\\)"
	return ok, err
}

// Negative: an interface whose dynamic value the package does not show.
func TryLockAny(ctx context.Context, q querier) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, "SELECT pg_try_advisory_lock(9)").Scan(&ok)
	return ok, err
}

// Negative: a pinned connection in a field, locked and unlocked by two methods.
type Session struct {
	conn *sql.Conn
	key  int64
}

func (s *Session) Lock(ctx context.Context) error {
	_, err := s.conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", s.key)
	return err
}

func (s *Session) Unlock(ctx context.Context) error {
	_, err := s.conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", s.key)
	return err
}

// Negative: SQL that is not a session lock, through the pool.
func Count(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
	return err
}

// Negative: the transaction-level lock through a pool is not a leaked session lock.
func XactOutsideTx(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, "SELECT pg_advisory_xact_lock(1)")
	return err
}

// A type of the application embedding the pool: its promoted methods run on the pool.
type Store struct {
	*sql.DB
}

func (s *Store) Lock(ctx context.Context) error {
	_, err := s.ExecContext(ctx, "SELECT pg_advisory_lock(2)") // want "`pg_advisory_lock` runs through the pool `s` \\(\\*sql.DB\\)"
	return err
}

// Negative: a type embedding a pinned connection.
type PinnedStore struct {
	*sql.Conn
}

func (s *PinnedStore) Lock(ctx context.Context) error {
	_, err := s.ExecContext(ctx, "SELECT pg_advisory_lock(2)")
	return err
}
