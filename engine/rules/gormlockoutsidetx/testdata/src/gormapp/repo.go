package inventory

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OrderRepo may be built over the pool or over a transaction (NewOrderRepo(tx)); this file cannot tell.
type OrderRepo struct {
	db *gorm.DB
}

func NewOrderRepo(db *gorm.DB) *OrderRepo { return &OrderRepo{db: db} }

// OK: negative — no transaction is started from r.db here, so r.db may well be the caller's transaction.
func (r *OrderRepo) LockProduct(id uint) (Product, error) {
	var p Product
	err := r.db.Clauses(clause.Locking{Strength: "UPDATE"}).First(&p, id).Error
	return p, err
}
