package golangci_test

import (
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/analysistest"

	_ "github.com/goconc/goconc/engine/golangci"
)

// The plugin golangci-lint loads yields the same analyzers, and they report
// the same findings (testdata/src/a carries the expectations).
func TestPluginReportsLikeTheEngine(t *testing.T) {
	newPlugin, err := register.GetPlugin("goconc")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"disable": []string{"lock-copied"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.Name == "lock_copied" {
			t.Errorf("lock_copied is disabled but built")
		}
	}
	if len(as) < 4 {
		t.Fatalf("only %d analyzers", len(as))
	}
	for _, a := range as {
		analysistest.Run(t, analysistest.TestData(), a, "clean")
		if a.Name == "lock_without_unlock" || a.Name == "double_lock" {
			analysistest.Run(t, analysistest.TestData(), a, a.Name)
		}
	}
}

func TestPluginRejectsBadSettings(t *testing.T) {
	newPlugin, _ := register.GetPlugin("goconc")
	if _, err := newPlugin(map[string]any{"disable": []string{"no-such-rule"}}); err == nil {
		t.Error("an unknown rule id was accepted")
	}
	if _, err := newPlugin(map[string]any{"bogus": true}); err == nil {
		t.Error("an unknown setting was accepted")
	}
}
