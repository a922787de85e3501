// Package golangci registers goconc's analyzers as a golangci-lint v2
// module plugin ("goconc"). Build a custom golangci-lint with it (see
// docs/engine.md), enable the linter, and optionally switch rules off:
//
//	linters:
//	  enable: [goconc]
//	  settings:
//	    custom:
//	      goconc:
//	        type: module
//	        settings:
//	          disable: [unlock-not-deferred]
package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/goconc/goconc/engine/rules/all"
)

func init() { register.Plugin("goconc", New) }

// Settings of the plugin in .golangci.yml.
type Settings struct {
	// Disable lists rule ids ("double-lock") not to run.
	Disable []string `json:"disable"`
}

type plugin struct{ settings Settings }

// New is golangci-lint's constructor for the plugin.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("goconc: %w", err)
	}
	for _, id := range s.Disable {
		if _, ok := all.ByID(id); !ok {
			return nil, fmt.Errorf("goconc: unknown rule %q in disable", id)
		}
	}
	return &plugin{settings: s}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	off := map[string]bool{}
	for _, id := range p.settings.Disable {
		off[id] = true
	}
	var out []*analysis.Analyzer
	for _, r := range all.Rules {
		if !off[r.ID()] {
			out = append(out, r.Analyzer)
		}
	}
	return out, nil
}

// GetLoadMode: the rules need types (and build SSA from them).
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
