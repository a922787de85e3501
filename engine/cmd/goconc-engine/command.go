package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/goconc/goconc/engine/driver"
	"github.com/goconc/goconc/engine/rules/all"
)

const usage = `usage:
  goconc-engine check [-C dir] [-tags t] [-overlay file.json] [-lang ko] [packages]   findings as JSON on stdout
  goconc-engine serve                                                                 JSON lines on stdin/stdout (the editor)
  goconc-engine rules                                                                 the rules as JSON
  go vet -vettool=$(goconc vettool) [packages]                                        the go command's own driver`

func runCommand(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, usage)
		return 2
	}
	switch args[0] {
	case "check":
		return check(args[1:], os.Stdout)
	case "serve":
		return serve(os.Stdin, os.Stdout)
	case "rules":
		return printRules(os.Stdout)
	case "-h", "-help", "--help", "help":
		fmt.Println(usage)
		return 0
	}
	fmt.Fprintf(os.Stderr, "goconc-engine: unknown command %q\n%s\n", args[0], usage)
	return 2
}

func self() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(exe)
}

func check(args []string, out io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	dir := fs.String("C", ".", "run in this folder (module root)")
	tags := fs.String("tags", "", "build tags")
	overlayPath := fs.String("overlay", "", "JSON file {\"/abs/path.go\": \"unsaved content\"}")
	lang := fs.String("lang", "en", "language of messages: en or ko")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	tool, err := self()
	if err != nil {
		fmt.Fprintf(os.Stderr, "goconc-engine: cannot locate its own binary: %v\n", err)
		return 2
	}
	var overlay map[string]string
	if *overlayPath != "" {
		b, err := os.ReadFile(*overlayPath)
		if err == nil {
			err = json.Unmarshal(b, &overlay)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "goconc-engine: cannot read the overlay %s: %v\n", *overlayPath, err)
			return 2
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := driver.Check(ctx, driver.Options{Dir: *dir, Patterns: fs.Args(), Overlay: overlay, Tool: tool, Tags: *tags, GoBin: goBin(), Lang: *lang})
	if err != nil {
		fmt.Fprintf(os.Stderr, "goconc-engine: %v\n", err)
		return 2
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", " ")
	if err := enc.Encode(rep); err != nil {
		return 2
	}
	return 0
}

// goBin respects GOCONC_GO (the editor's go.goroot / go.alternateTools).
func goBin() string {
	if g := strings.TrimSpace(os.Getenv("GOCONC_GO")); g != "" {
		return g
	}
	return "go"
}

type ruleInfo struct {
	ID        string `json:"id"`
	Severity  string `json:"severity"`
	Category  string `json:"category"`
	Checklist string `json:"checklist"`
	Docs      string `json:"docs"`
	Doc       string `json:"doc"`
}

func printRules(out io.Writer) int {
	var rs []ruleInfo
	for _, r := range all.Rules {
		rs = append(rs, ruleInfo{ID: r.ID(), Severity: r.Severity, Category: r.Category, Checklist: r.Checklist, Docs: r.Docs(), Doc: r.Analyzer.Doc})
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", " ")
	if err := enc.Encode(rs); err != nil {
		return 2
	}
	return 0
}
