package shop

import "gorm.io/gorm"

type Document struct {
	ID      uint `gorm:"primaryKey"`
	Body    string
	Version int64
}

type Docs struct {
	db *gorm.DB
}

// Edit guards on the version but returns only Error: a lost race returns nil.
func (d *Docs) Edit(doc *Document, body string) error {
	return d.db.Model(doc).Where("version = ?", doc.Version).Updates(map[string]any{"body": body, "version": doc.Version + 1}).Error // want "`d.db.Updates` is guarded by a version \\(\"version = \\?\"\\) but its RowsAffected is never read"
}

// Touch keeps the result but never looks at RowsAffected.
func (d *Docs) Touch(id uint, version int64) error {
	res := d.db.Model(&Document{}).Where("id = ? AND version = ?", id, version).Update("version", version+1) // want "`d.db.Update` is guarded by a version"
	return res.Error
}

// Restock writes a hook-versioned Product with Updates and ignores the conflict.
func (d *Docs) Restock(p *Product, n int) error {
	p.Stock += n
	return d.db.Model(p).Select("*").Updates(p).Error // want "`d.db.Updates` is guarded by a version \\(p.BeforeUpdate\\)"
}
