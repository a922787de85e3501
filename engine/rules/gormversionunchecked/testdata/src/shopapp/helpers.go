package shop

import "gorm.io/gorm"

// mustAffectOne reads RowsAffected for its callers.
func mustAffectOne(res *gorm.DB) error {
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return ErrConflict
	}
	return nil
}

// errOf reads only Error.
func errOf(res *gorm.DB) error { return res.Error }

// OK: negative — RowsAffected checked in a helper.
func (d *Docs) Publish(doc *Document) error {
	res := d.db.Model(doc).Where("version = ?", doc.Version).Update("version", doc.Version+1)
	return mustAffectOne(res)
}

// OK: negative — the helper is handed the chain itself.
func (d *Docs) Archive(doc *Document) error {
	return mustAffectOne(d.db.Model(doc).Where("id = ? AND version = ?", doc.ID, doc.Version).Update("body", ""))
}

// OK: negative — the result goes to the caller, who may check it.
func (d *Docs) Raw(doc *Document) *gorm.DB {
	return d.db.Model(doc).Where("version = ?", doc.Version).Update("version", doc.Version+1)
}

// A helper that reads only Error does not check the conflict.
func (d *Docs) Hide(doc *Document) error {
	return errOf(d.db.Model(doc).Where("version = ?", doc.Version).Update("body", "")) // want "`d.db.Update` is guarded by a version"
}

// A query built in steps: the version condition is on q.
func (d *Docs) Steps(doc *Document, body string) error {
	q := d.db.Model(doc).Where("version = ?", doc.Version)
	return q.Updates(map[string]any{"body": body, "version": doc.Version + 1}).Error // want "`q.Updates` is guarded by a version \\(\"version = \\?\"\\)"
}

// OK: negative — a Version field without a BeforeUpdate hook is not a versioned model.
type Note struct {
	ID      uint
	Version int
}

func (d *Docs) SaveNote(n *Note) error { return d.db.Save(n).Error }
