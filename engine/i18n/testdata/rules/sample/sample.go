// Package sample reports messages every way the collector follows.
package sample

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"example.com/rules/helper"
)

const held = "acquired here"

var kinds = map[int]string{0: "the goroutine captures `%[1]s`", 1: "the callback captures `%[1]s`"}

func run(pass *analysis.Pass, name, lock string, n, kind int, read, some bool) {
	pass.Reportf(0, "%d call(s) of %s", n, where(n))
	verb := "locks"
	if read {
		verb = "read-locks"
	}
	msg := fmt.Sprintf("%s %s it again", name, verb)
	if some {
		msg += " — on some paths"
	}
	unlock := "Unlock"
	if read {
		unlock = "RUnlock"
	}
	pass.Report(analysis.Diagnostic{
		Message: msg,
		Related: []analysis.RelatedInformation{{Message: held}, {Message: "returns with " + lock + " held"}},
		SuggestedFixes: []analysis.SuggestedFix{{
			Message: fmt.Sprintf("Call %s.%s() before %s.%s()", lock, unlock, lock, unlock),
		}},
	})
	d := analysis.Diagnostic{}
	d.Message = fmt.Sprintf(kinds[kind], name)
	pass.Report(d)
	report(pass, "send on `"+name+"` after close: 100% a panic")
	pass.Report(helper.Diagnostic(fmt.Sprintf("map `%s`", name), "guard it"))
}

func report(pass *analysis.Pass, msg string) {
	pass.Report(analysis.Diagnostic{Message: msg})
}

// where is a piece of the Reportf sentence.
func where(n int) string {
	if n == 0 {
		return "the function"
	}
	return fmt.Sprintf("the goroutine started at line %d", n)
}
