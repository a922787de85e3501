// Command goconc-engine runs goconc's analyzers. Invoked by `go vet
// -vettool` it speaks vet's protocol (unitchecker); otherwise see usage.
package main

import (
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/goconc/goconc/engine/driver"
	"github.com/goconc/goconc/engine/rules/all"
)

func main() {
	if invokedByGoVet(os.Args[1:]) {
		vetMain()
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

// vetMain analyses the one package go vet (or the driver's replay) describes
// and exits.
func vetMain() {
	driver.RecordVetConfig(os.Args[1:])
	// A vet tool process analyses one package and exits: collecting garbage
	// half as often trades a little memory (+15 % peak on raft) for ~10 %
	// less CPU; the soft limit keeps a huge package's heap from tripling.
	// It must leave room above the live heap: nats-server's 440k-line
	// package keeps ~1.8 GB live, and at a 2 GiB limit the collector ran
	// almost without pause (44 s wall, 31 s CPU for one check); at 3 GiB
	// the same check takes 15 s and 2.7 GB resident (4.3 GB at GOGC=200
	// alone). Packages of ordinary size stay far below either limit.
	// GOGC/GOMEMLIMIT set by the user win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(3 << 30)
	}
	unitchecker.Main(all.Analyzers()...)
}
