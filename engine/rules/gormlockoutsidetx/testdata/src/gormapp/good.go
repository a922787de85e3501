package inventory

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OK: the seed's pessimistic example (Pessimistic Locking (FOR UPDATE)), verbatim.
func DecreaseStockWithLock(db *gorm.DB, productID uint, quantity int) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var product Product

		// SELECT ... FOR UPDATE
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).
			First(&product, productID).Error; err != nil {
			return err
		}

		if product.Stock < quantity {
			return errors.New("insufficient stock")
		}

		product.Stock -= quantity
		return tx.Save(&product).Error
	})
}

// OK: between Begin and Commit.
func (s *Store) Move(from, to uint) error {
	tx := s.db.Begin()
	defer tx.Rollback()
	var a, b Product
	if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Find(&[]Product{a, b}, []uint{from, to}).Error; err != nil {
		return err
	}
	return tx.Commit().Error
}

// OK: a parameter may be a transaction handle; the caller decides.
func LockProduct(tx *gorm.DB, id uint) (Product, error) {
	var p Product
	err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error
	return p, err
}

// OK: a scope that only adds the clause; it runs wherever it is used.
func ForUpdate(db *gorm.DB) *gorm.DB {
	return db.Clauses(clause.Locking{Strength: "UPDATE"})
}

// Locker is not GORM: its Clauses/First are the user's own.
type Locker struct{}

func (l *Locker) Clauses(c ...clause.Expression) *Locker { return l }
func (l *Locker) First(dest any, conds ...any) error     { return nil }

var locker = &Locker{}

// OK: not a *gorm.DB.
func Other() error {
	return locker.Clauses(clause.Locking{Strength: "UPDATE"}).First(nil)
}

// OK: conn is the pool or the caller's transaction; which one is decided at run time.
func (s *Store) LockForCaller(tx *gorm.DB, id uint) (Product, error) {
	conn := s.db
	if tx != nil {
		conn = tx
	}
	var p Product
	err := conn.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error
	return p, err
}

// unitOfWork wraps the transaction's handle: its db field is a transaction.
type unitOfWork struct{ db *gorm.DB }

func (s *Store) Within(run func(unitOfWork) error) error {
	return s.db.Transaction(func(tx *gorm.DB) error { return run(unitOfWork{tx}) })
}

// OK: u.db is the transaction handle stored by Within.
func (u unitOfWork) Lock(id uint) (Product, error) {
	var p Product
	err := u.db.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error
	return p, err
}
