package redislockunsaferelease_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/goconc/goconc/engine/rules/internal/realmod"
	"github.com/goconc/goconc/engine/rules/redislockunsaferelease"
)

func Test(t *testing.T) {
	realmod.Run(t, filepath.Join(analysistest.TestData(), "src", "redisapp"), redislockunsaferelease.Analyzer)
}
