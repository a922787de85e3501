package redislockunsaferelease_test

import (
	"testing"

	"github.com/goconc/goconc/engine/rules/internal/realmod"
	"github.com/goconc/goconc/engine/rules/redislockunsaferelease"
)

func Test(t *testing.T) { realmod.Run(t, redislockunsaferelease.Analyzer, "redisapp") }
