package shop

// Visit uses Begin/Commit without a lock.
func (l *Ledger) Visit(id uint) error {
	tx := l.db.Begin()
	defer tx.Rollback()
	var p Product
	if err := tx.Where("id = ?", id).First(&p).Error; err != nil {
		return err
	}
	p.Stock++
	if err := tx.Save(&p).Error; err != nil { // want "read-modify-write of `p`"
		return err
	}
	return tx.Commit().Error
}
