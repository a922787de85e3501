package shop

import "errors"

var ErrConflict = errors.New("modified concurrently")

// OK: the conflict is checked.
func (d *Docs) Save(doc *Document, body string) error {
	res := d.db.Model(doc).Where("version = ?", doc.Version).Updates(map[string]any{"body": body, "version": doc.Version + 1})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	return nil
}

// OK: Select("*") keeps Save from falling back to an upsert, and RowsAffected is read.
func (d *Docs) Decrease(p *Product, n int) error {
	p.Stock -= n
	res := d.db.Select("*").Save(p)
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	return res.Error
}

// OK: RowsAffected read on the chain itself.
func (d *Docs) Bump(id uint, version int64) bool {
	return d.db.Model(&Document{}).Where("id = ? AND version = ?", id, version).Update("version", version+1).RowsAffected == 1
}

// OK: no version involved.
func (d *Docs) Rename(id uint, body string) error {
	return d.db.Model(&Document{}).Where("id = ?", id).Update("body", body).Error
}

// Store is not GORM: its Save is the user's own.
type Store struct{ items map[uint]Product }

func (s *Store) Save(p *Product) error { s.items[p.ID] = *p; return nil }

// OK: not a *gorm.DB, even for a hook-versioned model.
func Keep(s *Store, p *Product) error {
	return s.Save(p)
}
