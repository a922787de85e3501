// Package driver runs goconc's analyzers over Go packages for the CLI and the
// editor. It drives `go vet -vettool=<this binary>`: the go command loads,
// type-checks and schedules packages, hands each one its dependencies'
// facts, and caches every result in its build cache, so an unchanged
// package costs a cache lookup and a changed one costs only itself and its
// dependants — what the editor needs between keystrokes.
package driver

// Report is what a check returns, typed once here and once in the
// TypeScript engine client (server/src/goEngine/protocol.ts).
type Report struct {
	Version  int         `json:"version"`
	Findings []Finding   `json:"findings"`
	Errors   []LoadError `json:"errors"`
	// Replayed says the check ran the recorded go vet plan (see Replay)
	// instead of the go command.
	Replayed bool `json:"replayed,omitempty"`
}

// Finding is one diagnostic, positions 1-based, columns in bytes.
type Finding struct {
	Rule      string    `json:"rule"`
	Severity  string    `json:"severity"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"endLine"`
	EndColumn int       `json:"endColumn"`
	Message   string    `json:"message"`
	Related   []Related `json:"related"`
	Fixes     []Fix     `json:"fixes"`
}

// Related is a related location of a finding.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Fix is a suggested fix: edits to apply together.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Edit replaces a range (1-based, columns in bytes) with NewText.
type Edit struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	NewText   string `json:"newText"`
}

// LoadError is a package (or the whole run) that could not be analysed, in
// one line a user can act on.
type LoadError struct {
	Package string `json:"package"`
	Message string `json:"message"`
}
