package driver

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/goconc/goconc/engine/rules/all"
)

// The test binary is the vet tool of its own checks, as the engine binary is.
func TestMain(m *testing.M) {
	args := os.Args[1:]
	if len(args) > 0 && (strings.HasPrefix(args[0], "-V") || args[0] == "-flags" || strings.HasSuffix(args[len(args)-1], ".cfg")) {
		RecordVetConfig(args)
		unitchecker.Main(all.Analyzers()...)
	}
	os.Exit(m.Run())
}

// A module whose package app has a double lock and imports store, a
// package of the same module.
func replayModule(t *testing.T) string {
	t.Helper()
	t.Setenv("GOFLAGS", "") // the engine's -mod=vendor is not this module's
	dir := t.TempDir()
	write(t, dir, "go.mod", "module example.com/m\n\ngo 1.22\n")
	write(t, dir, "store/store.go", "package store\n\nfunc Key(n int) int { return n * 2 }\n")
	write(t, dir, "app/app.go", appText(""))
	write(t, dir, "app/other.go", "package app\n\nfunc helper() int { return 1 }\n")
	return dir
}

func appText(extra string) string {
	return `package app

import (
	"sync"

	"example.com/m/store"
)

type C struct {
	mu sync.Mutex
	n  int
}

func (c *C) Inc() {
	c.mu.Lock()
	c.mu.Lock()
	c.n += store.Key(1)
	c.mu.Unlock()
	c.mu.Unlock()
}
` + extra
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

type replayCheck struct {
	t      *testing.T
	dir    string
	tool   string
	replay *Replay
}

func (c replayCheck) run(overlay map[string]string) *Report {
	c.t.Helper()
	rep, err := Check(context.Background(), Options{Dir: c.dir, Patterns: []string{"./app"}, Overlay: overlay, Tool: c.tool, Replay: c.replay})
	if err != nil {
		c.t.Fatal(err)
	}
	return rep
}

// positions reduces a report to what the editor shows, for comparing a
// replayed check with one through go vet.
func positions(rep *Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.File+":"+itoa(f.Line)+":"+f.Rule+":"+f.Message)
	}
	for _, e := range rep.Errors {
		out = append(out, "error:"+e.Package+":"+e.Message)
	}
	return out
}

func TestReplay(t *testing.T) {
	tool, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := replayModule(t)
	app := filepath.Join(dir, "app", "app.go")
	c := replayCheck{t: t, dir: dir, tool: tool, replay: NewReplay()}
	fresh := func(overlay map[string]string) *Report {
		t.Helper()
		return replayCheck{t: t, dir: dir, tool: tool}.run(overlay)
	}

	// The first edit goes through go vet and records the plan; the next ones
	// replay it and find what go vet finds, on the user's file names.
	first := c.run(map[string]string{app: appText("\n// edit 1\n")})
	if first.Replayed {
		t.Fatal("the first check replayed a plan it never recorded")
	}
	for i, extra := range []string{"\n// edit 2\n", "\nfunc (c *C) Get() int { c.mu.Lock(); c.mu.Lock(); return c.n }\n"} {
		overlay := map[string]string{app: appText(extra)}
		got := c.run(overlay)
		if !got.Replayed {
			t.Fatalf("edit %d of a function body went through go vet", i+2)
		}
		if want := fresh(overlay); !reflect.DeepEqual(positions(got), positions(want)) {
			t.Fatalf("edit %d: replayed\n%v\nthrough go vet\n%v", i+2, positions(got), positions(want))
		}
		if len(got.Findings) == 0 || got.Findings[0].File != app {
			t.Fatalf("edit %d: findings %+v", i+2, got.Findings)
		}
	}

	// Each change that alters go vet's plan goes through go vet again (and
	// records the new plan, replayed by the check after it).
	changes := []struct {
		name   string
		change func() map[string]string
	}{
		{"an import added", func() map[string]string {
			return map[string]string{app: strings.Replace(appText(""), `"sync"`, "\"fmt\"\n\t\"sync\"", 1) + "\nvar _ = fmt.Sprint\n"}
		}},
		{"a dependency changed on disk", func() map[string]string {
			write(t, dir, "store/store.go", "package store\n\nfunc Key(n int) int { return n * 3 }\n\nfunc Other() {}\n")
			return map[string]string{app: appText("")}
		}},
		{"an unsaved buffer in a dependency", func() map[string]string {
			return map[string]string{app: appText(""), filepath.Join(dir, "store", "store.go"): "package store\n\nfunc Key(n int) int { return n }\n"}
		}},
		{"a file added to the package", func() map[string]string {
			write(t, dir, "app/more.go", "package app\n\nfunc more() {}\n")
			return map[string]string{app: appText("")}
		}},
		{"a build constraint added", func() map[string]string {
			write(t, dir, "app/more.go", "//go:build ignore\n\npackage app\n\nfunc more() {}\n")
			return map[string]string{app: appText("")}
		}},
		{"go.mod changed", func() map[string]string {
			write(t, dir, "go.mod", "module example.com/m\n\ngo 1.23\n")
			return map[string]string{app: appText("")}
		}},
	}
	for i, ch := range changes {
		overlay := ch.change()
		// Text go vet has not seen before: a result from its cache would run
		// no tool and record no plan.
		overlay[app] += "\n// change " + itoa(i) + "\n"
		got := c.run(overlay)
		if got.Replayed {
			t.Errorf("%s: the old plan was replayed", ch.name)
		}
		if want := fresh(overlay); !reflect.DeepEqual(positions(got), positions(want)) {
			t.Errorf("%s: got\n%v\nthrough go vet\n%v", ch.name, positions(got), positions(want))
		}
		overlay[app] += "\n// again\n"
		if again := c.run(overlay); !again.Replayed {
			t.Errorf("%s: the new plan was not recorded", ch.name)
		}
	}

	// A syntax error is reported as go vet reports it.
	broken := map[string]string{app: appText("\nfunc broken( {\n")}
	got := c.run(broken)
	if got.Replayed || len(got.Errors) == 0 {
		t.Fatalf("syntax error: replayed=%v errors=%+v", got.Replayed, got.Errors)
	}
	if want := fresh(broken); !reflect.DeepEqual(positions(got), positions(want)) {
		t.Fatalf("syntax error: got\n%v\nthrough go vet\n%v", positions(got), positions(want))
	}
}

// Module-wide checks never replay: their plan is the whole module's.
func TestReplayOnlySinglePackages(t *testing.T) {
	for _, p := range [][]string{{"./..."}, {"./app", "./store"}, {"./app/..."}} {
		if _, ok := replayKey(Options{Dir: "/m"}, p); ok {
			t.Errorf("%v is replayable", p)
		}
	}
	if _, ok := replayKey(Options{Dir: "/m"}, []string{"./app"}); !ok {
		t.Error("./app is not replayable")
	}
}
