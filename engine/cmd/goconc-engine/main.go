// Command goconc-engine runs goconc's analyzers. Invoked by `go vet
// -vettool` it speaks vet's protocol (unitchecker); otherwise see usage.
package main

import (
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/goconc/goconc/engine/rules/all"
)

func main() {
	if invokedByGoVet(os.Args[1:]) {
		unitchecker.Main(all.Analyzers()...)
	}
	os.Exit(runCommand(os.Args[1:]))
}

// invokedByGoVet recognises the go command's calls to a vet tool: a
// version query, a flags query, or one *.cfg file describing a package.
func invokedByGoVet(args []string) bool {
	if len(args) == 0 {
		return false
	}
	a := args[0]
	if strings.HasPrefix(a, "-V") || a == "-flags" {
		return true
	}
	last := args[len(args)-1]
	return strings.HasSuffix(last, ".cfg")
}
