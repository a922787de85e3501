package inventory

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// A query built in steps: the lock is seen through the variable.
func (s *Store) Hold(id uint) (Product, error) {
	var p Product
	q := s.db.Where("id = ?", id)
	err := q.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p).Error // want "`clause.Locking` on `q.First` outside a transaction"
	return p, err
}

// The clause added in one step, the statement run in another.
func (s *Store) Peek(id uint) (Product, error) {
	var p Product
	locked := s.db.Clauses(clause.Locking{Strength: "SHARE"})
	err := locked.First(&p, id).Error // want "`clause.Locking` on `locked.First` outside a transaction"
	return p, err
}

// The clause in a variable is still a clause.Locking.
func (s *Store) Grab(id uint) (Product, error) {
	var p Product
	forUpdate := clause.Locking{Strength: "UPDATE"}
	err := s.db.Clauses(forUpdate).Take(&p, id).Error // want "`clause.Locking` on `s.db.Take`"
	return p, err
}

// gorm.Open's result is the pool.
func Startup(d gorm.Dialector) error {
	db, err := gorm.Open(d, &gorm.Config{})
	if err != nil {
		return err
	}
	var p Product
	return db.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p).Error // want "`clause.Locking` on `db.First`"
}

// OK: built in steps from tx inside the transaction.
func (s *Store) HoldInTx(id uint) error {
	return s.db.Transaction(func(tx *gorm.DB) error {
		var p Product
		q := tx.Where("id = ?", id)
		return q.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p).Error
	})
}

// Repo is built from a parameter (NewRepo(tx) is possible): its field may hold a transaction,
// even though the package also starts transactions from it.
type Repo struct{ db *gorm.DB }

func NewRepo(db *gorm.DB) *Repo { return &Repo{db: db} }

func (r *Repo) Batch(run func(*gorm.DB) error) error { return r.db.Transaction(run) }

func (r *Repo) Batch2() error {
	return r.db.Transaction(func(tx *gorm.DB) error { return nil })
}

// OK: r.db may be a transaction.
func (r *Repo) Lock(id uint) (Product, error) {
	var p Product
	err := r.db.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error
	return p, err
}

// OK: an exported field may be set to a transaction by another package.
type Service struct{ DB *gorm.DB }

func (s *Service) Run() error {
	return s.DB.Transaction(func(tx *gorm.DB) error { return nil })
}

func (s *Service) Lock(id uint) error {
	var p Product
	return s.DB.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error
}
