package shop

import (
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The new balance is computed in the write itself, from the stale read.
func (l *Ledger) Credit(id uint, amt int64) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	return l.db.Model(&acc).Updates(map[string]any{"balance": acc.Balance + amt}).Error // want "read-modify-write of `acc` with no row lock and no version check: `l.db.First` → `acc.Balance \\+ amt` → `l.db.Updates`"
}

// The same through Model(&Account{}) and a condition on the key only.
func (l *Ledger) CreditByID(id uint, amt int64) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	return l.db.Model(&Account{}).Where("id = ?", id).Updates(map[string]any{"balance": acc.Balance + amt}).Error // want "read-modify-write of `acc`"
}

// A struct value computed from the old field.
func (l *Ledger) CreditStruct(id uint, amt int64) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	return l.db.Model(&acc).Updates(Account{Balance: acc.Balance + amt}).Error // want "read-modify-write of `acc`"
}

// Update of one column with a computed value, in a transaction: the fix locks the read.
func CreditTx(db *gorm.DB, id uint, amt int64) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var acc Account
		if err := tx.Take(&acc, id).Error; err != nil {
			return err
		}
		return tx.Model(&acc).UpdateColumn("balance", acc.Balance+amt).Error // want "read-modify-write of `acc`"
	})
}

// A repository that saves what it is given.
type AccountRepo struct{ db *gorm.DB }

func (r *AccountRepo) Get(id uint) (*Account, error) {
	var acc Account
	err := r.db.First(&acc, id).Error
	return &acc, err
}

func (r *AccountRepo) Put(acc *Account) error { return r.db.Save(acc).Error } // want Put:"writes param 0 with r.db.Save"

func (r *AccountRepo) putBalance(acc *Account) error {
	return r.db.Model(acc).Update("balance", acc.Balance).Error
}

// persist goes one helper further.
func (r *AccountRepo) persist(acc *Account) error { return r.Put(acc) }

// The write goes through the repository's helper.
func (r *AccountRepo) Withdraw(id uint, amt int64) error {
	var acc Account
	if err := r.db.First(&acc, id).Error; err != nil {
		return err
	}
	if acc.Balance < amt {
		return errors.New("insufficient funds")
	}
	acc.Balance -= amt
	return r.Put(&acc) // want "read-modify-write of `acc` with no row lock and no version check: `r.db.First` → `acc.Balance -= amt` → `r.Put`"
}

// Two helpers deep, and a column helper.
func (r *AccountRepo) Deposit(id uint, amt int64) error {
	var acc Account
	if err := r.db.First(&acc, id).Error; err != nil {
		return err
	}
	acc.Balance += amt
	if err := r.persist(&acc); err != nil { // want "read-modify-write of `acc`"
		return err
	}
	var other Account
	if err := r.db.First(&other, id+1).Error; err != nil {
		return err
	}
	other.Balance++
	return r.putBalance(&other) // want "read-modify-write of `other`"
}

// The helper computes and writes.
func addBalance(db *gorm.DB, acc *Account, amt int64) error {
	return db.Model(acc).Update("balance", acc.Balance+amt).Error
}

func TopUp(db *gorm.DB, id uint, amt int64) error {
	var acc Account
	if err := db.First(&acc, id).Error; err != nil {
		return err
	}
	return addBalance(db, &acc, amt) // want "read-modify-write of `acc`"
}

// The row lock added in an earlier builder step, in a transaction: silent.
func DebitLocked(db *gorm.DB, id uint, amt int64) error {
	return db.Transaction(func(tx *gorm.DB) error {
		q := tx.Clauses(clause.Locking{Strength: "UPDATE"})
		var acc Account
		if err := q.First(&acc, id).Error; err != nil {
			return err
		}
		acc.Balance -= amt
		return tx.Save(&acc).Error
	})
}

// A compare-and-set on the old value, RowsAffected checked: silent.
func (l *Ledger) DebitCAS(id uint, amt int64) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	res := l.db.Model(&Account{}).Where("id = ? AND balance = ?", id, acc.Balance).Update("balance", acc.Balance-amt)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return errors.New("changed meanwhile")
	}
	return nil
}

// A compare-and-set through a helper: silent.
func (r *AccountRepo) putIfUnchanged(acc *Account, old int64) error {
	return r.db.Model(acc).Where("balance = ?", old).Update("balance", acc.Balance).Error
}

func (r *AccountRepo) Charge(id uint, amt int64) error {
	var acc Account
	if err := r.db.First(&acc, id).Error; err != nil {
		return err
	}
	old := acc.Balance
	acc.Balance -= amt
	return r.putIfUnchanged(&acc, old)
}

// Atomic update computed by the database, after a read for the check: silent.
func (l *Ledger) DebitAtomic(id uint, amt int64) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	if acc.Balance < amt {
		return errors.New("insufficient funds")
	}
	return l.db.Model(&acc).Updates(map[string]any{"balance": gorm.Expr("balance - ?", amt)}).Error
}

type Wallet struct {
	ID      uint `gorm:"primaryKey"`
	Balance int64
	Version int64
}

// A versioned model is gorm-version-unchecked's: silent here.
func (l *Ledger) Spend(id uint, amt int64) error {
	var w Wallet
	if err := l.db.First(&w, id).Error; err != nil {
		return err
	}
	w.Balance -= amt
	return l.db.Save(&w).Error
}

// A value not read from the database: silent.
func (l *Ledger) Seed(id uint) error {
	acc := Account{ID: id, Balance: 100}
	acc.Balance += 10
	return l.db.Save(&acc).Error
}

// A field set to a constant without a guard on it: silent.
func (l *Ledger) Close(id uint) error {
	var o Order
	if err := l.db.First(&o, id).Error; err != nil {
		return err
	}
	o.Status = "closed"
	return l.db.Save(&o).Error
}

// Another type written from the read's value (an audit row): silent.
type Audit struct {
	ID    uint `gorm:"primaryKey"`
	Total int64
}

func (l *Ledger) Audit(id uint) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	return l.db.Model(&Audit{}).Where("id = ?", id).Update("total", acc.Balance+1).Error
}

// A helper that only reads the model: silent.
func describe(acc *Account) string { return "" }

func (l *Ledger) Show(id uint) (string, error) {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return "", err
	}
	acc.Balance++
	return describe(&acc), nil
}

// A hand-written locking read in a transaction: silent.
func DebitRaw(db *gorm.DB, id uint, amt int64) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var acc Account
		if err := tx.Raw("SELECT * FROM accounts WHERE id = ? FOR UPDATE", id).Scan(&acc).Error; err != nil {
			return err
		}
		acc.Balance -= amt
		return tx.Save(&acc).Error
	})
}

// A hand-written read without a lock: reported (no fix: the lock belongs in the SQL).
func DebitRawUnlocked(db *gorm.DB, id uint, amt int64) error {
	var acc Account
	if err := db.Raw("SELECT * FROM accounts WHERE id = ?", id).Scan(&acc).Error; err != nil {
		return err
	}
	acc.Balance -= amt
	return db.Save(&acc).Error // want "read-modify-write of `acc`"
}

// A generic helper's parameter is not known to be a model (its type is a type parameter): silent.
func saveAny[T any](db *gorm.DB, v *T) error { return db.Save(v).Error }

func (l *Ledger) Refund(id uint, amt int64) error {
	var acc Account
	if err := l.db.First(&acc, id).Error; err != nil {
		return err
	}
	acc.Balance += amt
	return saveAny(l.db, &acc)
}

// A hand-written read without a lock in a transaction: reported, no fix (Raw ignores clauses).
func DebitRawTx(db *gorm.DB, id uint, amt int64) error {
	return db.Transaction(func(tx *gorm.DB) error {
		var acc Account
		if err := tx.Raw("SELECT * FROM accounts WHERE id = ?", id).Scan(&acc).Error; err != nil {
			return err
		}
		acc.Balance -= amt
		return tx.Save(&acc).Error // want "read-modify-write of `acc`"
	})
}
