// Package models declares the application's GORM models.
package models

type Account struct {
	ID      uint `gorm:"primaryKey"`
	Balance int64
}
