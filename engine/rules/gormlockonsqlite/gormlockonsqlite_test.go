package gormlockonsqlite_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/gormlockonsqlite"
	"github.com/goconc/goconc/engine/rules/internal/realmod"
)

func TestSQLiteOnly(t *testing.T) { realmod.Run(t, gormlockonsqlite.Analyzer, "sqliteapp") }

// PostgreSQL linked in as well: the lock works where it matters.
func TestMixed(t *testing.T) { realmod.Run(t, gormlockonsqlite.Analyzer, "mixedapp") }
