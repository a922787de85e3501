// Package filever answers which Go version a file is compiled at: its
// //go:build line's if it names one, else its module's go line. Rules whose
// bug exists only before a release (loop variables before 1.22, time.After
// before 1.23) ask per file, as the compiler decides per file.
package filever

import (
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// At is the Go version ("go1.22") of the file holding pos; "" when unknown.
func At(pass *analysis.Pass, pos token.Pos) string {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			if v := pass.TypesInfo.FileVersions[f]; v != "" {
				return v
			}
		}
	}
	return pass.Pkg.GoVersion()
}
