// Package db holds the application's pool.
package db

import "gorm.io/gorm"

var Pool *gorm.DB
