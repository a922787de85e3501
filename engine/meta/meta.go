// Package meta is what goconc knows about a rule beyond its analyzer: its id
// (the analyzer's name with dashes), default severity, category, the seed
// checklist item it feeds and its docs page. Drivers read it; analyzers
// declare it.
package meta

import (
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Severity levels, as the LSP and SARIF name them.
const (
	Error       = "error"
	Warning     = "warning"
	Information = "information"
	Hint        = "hint"
)

// Rule describes one analyzer as a goconc rule.
type Rule struct {
	Analyzer  *analysis.Analyzer
	Severity  string // default
	Category  string // locks, channels, goroutines, context, database, …
	Checklist string // seed checklist item id it feeds
	MinGo     string // first Go version it applies to ("" = all)
	MaxGo     string // last Go version it applies to ("" = all)
}

// ID is the rule id: the analyzer name with underscores as dashes.
func (r Rule) ID() string { return ID(r.Analyzer) }

// ID of an analyzer.
func ID(a *analysis.Analyzer) string { return strings.ReplaceAll(a.Name, "_", "-") }

// Docs is the rule's page in the repository.
func (r Rule) Docs() string { return "docs/rules/" + r.ID() + ".md" }

// SeverityOf is the severity of one diagnostic: a rule grades its findings by
// proof (a double lock on every path is an error, on some paths a warning)
// and says so in Diagnostic.Category; otherwise the rule's default applies.
func SeverityOf(r Rule, d analysis.Diagnostic) string {
	switch d.Category {
	case Error, Warning, Information, Hint:
		return d.Category
	}
	return r.Severity
}
