// Package gormlock provides optimistic and pessimistic row locking for GORM.
//
// [UpdateWithVersion] is optimistic locking with a version column: it writes
// `UPDATE … SET …, version = v+1 WHERE pk = ? AND version = v`, tells a
// deleted row ([ErrNotFound]) from a concurrent update ([ErrConflict]) when
// no row matched, and retries the read-modify-write with jittered backoff
// under a context. Use it when conflicts are rare (most web updates).
//
// [WithRowLock] is pessimistic locking: a transaction that loads rows with
// `SELECT … FOR UPDATE` (optionally NOWAIT or SKIP LOCKED) and runs your
// function while holding them. Use it when conflicts are frequent or the
// update must not be retried (balances, inventory, job queues).
//
// Why not gorm.io/plugin/optimisticlock: that plugin adds the version check
// to Updates but, when no row matches, returns no error at all (callers must
// remember to check RowsAffected), cannot tell a deleted row from a
// conflict, does not retry, does not write zero values of a struct, and
// needs its own Version type in the model. UpdateWithVersion works with a
// plain integer field. Do not use both on one model: the plugin's clauses
// would be added to ours.
package gormlock

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/schema"
)

var (
	// ErrNotFound: the row does not exist (or is soft-deleted and the update
	// is not Unscoped).
	ErrNotFound = errors.New("gormlock: row not found")
	// ErrConflict: the row exists but its version moved on, on every attempt.
	ErrConflict = errors.New("gormlock: version conflict")
	// ErrUnsupportedDialect: the database silently ignores row locks.
	ErrUnsupportedDialect = errors.New("gormlock: row locks are not supported by this dialect")
	// ErrLocked: NoWait was asked and a row was locked by another transaction.
	ErrLocked = errors.New("gormlock: row is locked")
)

// Option configures UpdateWithVersion.
type Option func(*options)

type options struct {
	field       string
	attempts    int
	base, limit time.Duration
	unscoped    bool
}

// VersionField names the struct field holding the version (default
// "Version"). It must be an integer type.
func VersionField(name string) Option { return func(o *options) { o.field = name } }

// MaxAttempts bounds the attempts (default 5); 1 disables retrying.
func MaxAttempts(n int) Option { return func(o *options) { o.attempts = max(n, 1) } }

// Backoff sets the first and the largest wait between attempts (defaults
// 5ms and 200ms); each wait is drawn uniformly from [0, min(limit, base·2ⁿ)].
func Backoff(base, limit time.Duration) Option {
	return func(o *options) { o.base, o.limit = base, limit }
}

// Unscoped updates soft-deleted rows too. Without it a soft-deleted row is
// reported as ErrNotFound. The soft-delete column itself is never written,
// so an update never resurrects a deleted row.
func Unscoped() Option { return func(o *options) { o.unscoped = true } }

// UpdateWithVersion applies mutate to model and saves it if nobody else
// changed the row since model was read, using its version column.
//
// model must point to a struct whose primary key is set. If its version is
// zero, the model is treated as not loaded and is first read from the
// database, so a struct built by hand never overwrites a row blindly. Each
// attempt calls mutate on a copy of the latest known row; on success the
// copy, with its new version, is stored in *model. On conflict the row is
// read again and mutate runs again after a jittered backoff, up to
// MaxAttempts or until ctx is done. mutate may therefore run more than once:
// it must only change the struct it is given. All fields except the primary
// key, CreatedAt and the soft-delete field are written, zero values
// included.
//
// Errors: ErrNotFound if the row is gone, ErrConflict (wrapped with the
// versions seen) if every attempt lost, ctx.Err() if ctx ended, mutate's own
// error, or the database's.
func UpdateWithVersion[M any](ctx context.Context, db *gorm.DB, model *M, mutate func(*M) error, opts ...Option) error {
	o := options{field: "Version", attempts: 5, base: 5 * time.Millisecond, limit: 200 * time.Millisecond}
	for _, f := range opts {
		f(&o)
	}
	newTx := func() *gorm.DB {
		t := db.Session(&gorm.Session{NewDB: true, Context: ctx})
		if table := db.Statement.Table; table != "" {
			t = t.Table(table) // keep db.Table(...), drop other conditions
		}
		if o.unscoped {
			t = t.Unscoped()
		}
		return t
	}
	stmt := &gorm.Statement{DB: db}
	if err := stmt.Parse(model); err != nil {
		return fmt.Errorf("gormlock: %w", err)
	}
	sch := stmt.Schema
	vf := sch.LookUpField(o.field)
	if vf == nil {
		return fmt.Errorf("gormlock: %s has no field %q", sch.Name, o.field)
	}
	switch vf.FieldType.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
	default:
		return fmt.Errorf("gormlock: version field %s.%s must be an integer, not %s", sch.Name, o.field, vf.FieldType)
	}
	if len(sch.PrimaryFields) == 0 {
		return fmt.Errorf("gormlock: %s has no primary key", sch.Name)
	}
	rv := reflect.ValueOf(model).Elem()
	pk := map[string]any{}
	for _, f := range sch.PrimaryFields {
		v, zero := f.ValueOf(ctx, rv)
		if zero {
			return fmt.Errorf("gormlock: %s.%s (primary key) is zero", sch.Name, f.Name)
		}
		pk[f.DBName] = v
	}
	omit := []string{clause.Associations}
	for _, f := range sch.PrimaryFields {
		omit = append(omit, f.DBName)
	}
	for _, f := range sch.Fields {
		if f.AutoCreateTime != 0 || isSoftDelete(f) {
			omit = append(omit, f.DBName)
		}
	}

	version := func(v reflect.Value) int64 { return intOf(vf.ReflectValueOf(ctx, v)) }
	reload := func() error {
		var fresh M
		err := newTx().Model(new(M)).Where(pk).Take(&fresh).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		*model = fresh
		return nil
	}

	if version(rv) == 0 {
		if err := reload(); err != nil {
			return err
		}
	}
	var seen []int64
	for attempt := 0; ; attempt++ {
		work := *model
		wv := reflect.ValueOf(&work).Elem()
		old := version(wv)
		if err := mutate(&work); err != nil {
			return err
		}
		if err := vf.Set(ctx, wv, old+1); err != nil {
			return fmt.Errorf("gormlock: set version: %w", err)
		}
		res := newTx().Model(&work).
			Select("*").Omit(omit...).
			Where(clause.Eq{Column: clause.Column{Table: clause.CurrentTable, Name: vf.DBName}, Value: old}).
			Updates(&work)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected > 0 {
			*model = work
			return nil
		}
		seen = append(seen, old)
		if err := reload(); err != nil {
			return err
		}
		if attempt+1 >= o.attempts {
			return fmt.Errorf("%w: %s %v: tried versions %v, row is at %d",
				ErrConflict, sch.Table, pkValues(pk), seen, version(rv))
		}
		if err := sleep(ctx, backoff(o.base, o.limit, attempt)); err != nil {
			return err
		}
	}
}

func isSoftDelete(f *schema.Field) bool {
	return f.FieldType == reflect.TypeOf(gorm.DeletedAt{})
}

func intOf(v reflect.Value) int64 {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int()
	default:
		return int64(v.Uint())
	}
}

func pkValues(pk map[string]any) []any {
	out := make([]any, 0, len(pk))
	for _, v := range pk {
		out = append(out, v)
	}
	return out
}

func backoff(base, limit time.Duration, attempt int) time.Duration {
	d := base << min(attempt, 20)
	if d <= 0 || d > limit {
		d = limit
	}
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1) // full jitter
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// LockOption configures WithRowLock.
type LockOption func(*clause.Locking)

// NoWait makes the lock fail at once with ErrLocked instead of waiting for
// another transaction's lock.
func NoWait() LockOption { return func(l *clause.Locking) { l.Options = clause.LockingOptionsNoWait } }

// SkipLocked skips rows locked by other transactions (job-queue pattern:
// each worker takes rows nobody else holds).
func SkipLocked() LockOption {
	return func(l *clause.Locking) { l.Options = clause.LockingOptionsSkipLocked }
}

// Share takes a shared lock (FOR SHARE): others may read-lock the rows, not
// update them.
func Share() LockOption { return func(l *clause.Locking) { l.Strength = clause.LockingStrengthShare } }

// WithRowLock runs fn in a transaction after loading into dest the rows that
// query selects, locked with SELECT … FOR UPDATE. The locks are held until
// fn returns; the transaction commits if fn returns nil and rolls back
// otherwise. Keep fn short: every other writer of those rows waits.
//
// dest is a pointer to a struct (one row: ErrNotFound if none matched) or to
// a slice (any number of rows, e.g. with SkipLocked). query adds the
// conditions, e.g. func(tx *gorm.DB) *gorm.DB { return tx.Where("id = ?", id) }.
//
// SQLite has no row locks and GORM drops the clause there silently, so
// WithRowLock returns ErrUnsupportedDialect on SQLite rather than pretend.
func WithRowLock(ctx context.Context, db *gorm.DB, dest any, query func(*gorm.DB) *gorm.DB,
	fn func(tx *gorm.DB) error, opts ...LockOption) error {
	if name := db.Dialector.Name(); name == "sqlite" || name == "sqlite3" {
		return fmt.Errorf("%w: %s", ErrUnsupportedDialect, name)
	}
	lock := clause.Locking{Strength: clause.LockingStrengthUpdate}
	for _, o := range opts {
		o(&lock)
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		q := tx.Clauses(lock)
		if query != nil {
			q = query(q)
		}
		res := q.Find(dest)
		if res.Error != nil {
			if isLockNotAvailable(res.Error) {
				return fmt.Errorf("%w: %v", ErrLocked, res.Error)
			}
			return res.Error
		}
		if res.RowsAffected == 0 && reflect.Indirect(reflect.ValueOf(dest)).Kind() != reflect.Slice {
			return ErrNotFound
		}
		return fn(tx)
	})
}

// isLockNotAvailable recognises PostgreSQL's lock_not_available (55P03)
// and MySQL's ER_LOCK_NOWAIT (3572) without importing the drivers.
func isLockNotAvailable(err error) bool {
	var st interface{ SQLState() string }
	if errors.As(err, &st) && st.SQLState() == "55P03" {
		return true
	}
	// MySQL 8: "… lock(s) could not be acquired immediately and NOWAIT is set."
	return strings.Contains(err.Error(), "NOWAIT is set")
}
