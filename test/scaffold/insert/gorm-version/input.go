package models

import (
	"time"

	"gorm.io/gorm"
)

type Account struct {
	ID        uint64 `gorm:"primaryKey"`
	/*|*/Balance   int64
	UpdatedAt time.Time
}

var _ *gorm.DB
