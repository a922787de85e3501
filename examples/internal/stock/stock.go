// Package stock keeps product stock in a SQL database (GORM) and serialises
// restocking across instances with a Redis lock. It has the database and
// distributed-lock bugs goconc reports: a lost update, a query that escapes
// its transaction, and a Redis lock that can outlive its holder or be
// released by someone else.
package stock

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

var ErrInsufficient = errors.New("insufficient stock")

type Product struct {
	ID    uint `gorm:"primaryKey"`
	Name  string
	Stock int
}

type AuditEntry struct {
	ID        uint `gorm:"primaryKey"`
	ProductID uint
	Delta     int
}

type Store struct {
	db  *gorm.DB
	rdb *redis.Client
}

func NewStore(db *gorm.DB, rdb *redis.Client) *Store {
	return &Store{db: db, rdb: rdb}
}

// Reserve reads, decrements and saves with no row lock and no version check:
// two concurrent orders both read Stock=1 and both succeed (a lost update).
func (s *Store) Reserve(ctx context.Context, id uint, n int) error {
	var p Product
	if err := s.db.WithContext(ctx).First(&p, id).Error; err != nil {
		return err
	}
	if p.Stock < n {
		return ErrInsufficient
	}
	p.Stock -= n
	return s.db.WithContext(ctx).Save(&p).Error
}

// ReserveLocked is correct: the row stays locked until the transaction ends.
func (s *Store) ReserveLocked(ctx context.Context, id uint, n int) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p Product
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error; err != nil {
			return err
		}
		if p.Stock < n {
			return ErrInsufficient
		}
		p.Stock -= n
		return tx.Save(&p).Error
	})
}

// Adjust writes the audit entry through the outer handle: it commits even
// when the transaction rolls back, and waits on a second connection.
func (s *Store) Adjust(ctx context.Context, id uint, delta int) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Model(&Product{}).Where("id = ?", id).UpdateColumn("stock", gorm.Expr("stock + ?", delta)).Error; err != nil {
			return err
		}
		return s.db.Create(&AuditEntry{ProductID: id, Delta: delta}).Error
	})
}

// Restock holds a Redis lock with no expiry (a crashed instance blocks every
// restock forever) and releases it with a plain DEL (after a pause longer
// than any TTL it would delete another instance's lock).
func (s *Store) Restock(ctx context.Context, id uint, n int) error {
	key := fmt.Sprintf("lock:restock:%d", id)
	ok, err := s.rdb.SetNX(ctx, key, "1", 0).Result()
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("restock already running")
	}
	defer s.rdb.Del(context.Background(), key)
	time.Sleep(10 * time.Millisecond) // talk to the supplier
	return s.Adjust(ctx, id, n)
}
