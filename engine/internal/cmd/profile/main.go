// Command profile runs every goconc analyzer over packages loaded from
// source in one process and prints where the time goes, per analyzer and
// model, separately for the root packages and their dependencies: the
// attribution behind docs/performance.md's cold-cost figures (go vet's
// per-package processes cannot be profiled as a whole).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/goconc/goconc/engine/rules/all"
)

func main() {
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	mem := flag.String("memprofile", "", "write a heap profile (what the analysis keeps alive at its end) to this file")
	tests := flag.Bool("tests", true, "load test variants too")
	diags := flag.String("diagnostics", "", "write every finding (position, rule, message) to this file, sorted")
	flag.Parse()
	t0 := time.Now()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Tests: *tests}
	pkgs, err := packages.Load(cfg, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	load := time.Since(t0)
	if *cpu != "" {
		f, err := os.Create(*cpu)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	t1, c1 := time.Now(), cpuTime()
	g, err := checker.Analyze(all.Analyzers(), pkgs, &checker.Options{Sequential: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	total, cpuUsed := time.Since(t1), cpuTime()-c1
	if *mem != "" {
		f, err := os.Create(*mem)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		runtime.GC()
		pprof.WriteHeapProfile(f)
		f.Close()
		runtime.KeepAlive(g)
	}
	if *diags != "" {
		var lines []string
		for act := range g.All() {
			for _, d := range act.Diagnostics {
				lines = append(lines, fmt.Sprintf("%s: %s: %s", act.Package.Fset.Position(d.Pos), act.Analyzer.Name, d.Message))
			}
		}
		sort.Strings(lines)
		lines = slices.Compact(lines)
		if err := os.WriteFile(*diags, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	type sum struct{ root, dep time.Duration }
	by := map[*analysis.Analyzer]*sum{}
	for act := range g.All() {
		s := by[act.Analyzer]
		if s == nil {
			s = &sum{}
			by[act.Analyzer] = s
		}
		if act.IsRoot {
			s.root += act.Duration
		} else {
			s.dep += act.Duration
		}
	}
	var as []*analysis.Analyzer
	for a := range by {
		as = append(as, a)
	}
	sort.Slice(as, func(i, j int) bool { return by[as[i]].root+by[as[i]].dep > by[as[j]].root+by[as[j]].dep })
	fmt.Printf("load (parse+typecheck, all deps from source) %v; analysis %v wall, %v CPU; peak RSS %d MB\n", load.Round(time.Millisecond), total.Round(time.Millisecond), cpuUsed.Round(time.Millisecond), maxRSS()>>20)
	fmt.Printf("%-32s %10s %10s\n", "analyzer", "roots", "deps")
	for _, a := range as {
		fmt.Printf("%-32s %10v %10v\n", a.Name, by[a].root.Round(time.Millisecond), by[a].dep.Round(time.Millisecond))
	}
}

// maxRSS is the process's peak resident set, in bytes.
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss << 10
}

// cpuTime is the process's user+system CPU time: on a shared machine it
// moves far less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
