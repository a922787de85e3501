package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"

	"github.com/goconc/goconc/engine/i18n"
	"github.com/goconc/goconc/engine/meta"
	"github.com/goconc/goconc/engine/rules/all"
)

// Options of one check.
type Options struct {
	Dir      string            // where the go command runs (the module or workspace root)
	Patterns []string          // package patterns, default ./...
	Overlay  map[string]string // absolute file path → unsaved content
	Tool     string            // absolute path of this binary
	GoBin    string            // the go command, default "go"
	Tags     string            // build tags
	Lang     string            // language of messages: "ko" (or ko_KR…) for Korean, English otherwise
	Replay   *Replay           // the editor's plan store: single-package checks skip the go command when they can
}

// Check runs the analyzers over the packages and collects findings. A
// package that does not build is one LoadError; the rest are still checked.
func Check(ctx context.Context, o Options) (*Report, error) {
	goBin := o.GoBin
	if goBin == "" {
		goBin = "go"
	}
	patterns := o.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	args := []string{"vet", "-vettool=" + o.Tool, "-json"}
	if o.Tags != "" {
		args = append(args, "-tags="+o.Tags)
	}
	var files *overlayFiles
	if len(o.Overlay) > 0 {
		var err error
		files, err = writeOverlay(o.Overlay)
		if err != nil {
			return nil, err
		}
		defer files.remove()
		args = append(args, "-overlay="+files.json)
	}
	args = append(args, patterns...)
	key, replayable := replayKey(o, patterns)
	replayable = replayable && o.Replay != nil
	if replayable {
		if rep, ok := o.Replay.run(ctx, o, key, files); ok {
			rep.Replayed = true
			translate(rep, i18n.For(o.Lang))
			sortFindings(rep)
			return rep, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = o.Dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	var (
		recordDir string
		stamps    = make(chan map[string]string, 1)
	)
	if replayable {
		// The vet tool records the plan of the package reported on while the
		// dependencies' folders are stamped beside it.
		if dir, err := os.MkdirTemp("", "goconc-record-"); err == nil {
			recordDir = dir
			defer func() {
				if recordDir != "" {
					os.RemoveAll(recordDir)
				}
			}()
			cmd.Env = append(os.Environ(), recordEnv+"="+dir)
			go func() {
				s, err := dependencyStamps(ctx, goBin, o.Dir, o.Tags, patterns)
				if err != nil {
					s = nil
				}
				stamps <- s
			}()
		}
	}
	runErr := cmd.Run()
	if ctx.Err() != nil {
		if recordDir != "" {
			<-stamps
		}
		return nil, ctx.Err()
	}
	if recordDir != "" && o.Replay.record(key, recordDir, o, files, <-stamps) {
		recordDir = "" // the plan keeps it
	}
	var execErr *exec.Error
	if errors.As(runErr, &execErr) {
		return nil, fmt.Errorf("cannot run %s: %v (is Go installed? set go.goroot or PATH)", goBin, execErr.Err)
	}
	rep := &Report{Version: 1, Findings: []Finding{}, Errors: []LoadError{}}
	src := sourceReader{overlay: o.Overlay, cache: map[string][]byte{}, original: map[string]string{}}
	if files != nil {
		src.original = files.original
	}
	if err := decodeVetJSON(&stdout, &src, rep); err != nil {
		return nil, err
	}
	translate(rep, i18n.For(o.Lang))
	rep.Errors = append(rep.Errors, loadErrors(stderr.String())...)
	sortFindings(rep)
	return rep, nil
}

func sortFindings(rep *Report) {
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// vet's JSON: {"pkg": {"analyzer": [diagnostic…] or {"error": …}}} per package.
type vetDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
}

func decodeVetJSON(r io.Reader, src *sourceReader, rep *Report) error {
	dec := json.NewDecoder(r)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("reading go vet's output: %v", err)
		}
		for pkg, byAnalyzer := range tree {
			for name, raw := range byAnalyzer {
				var diags []vetDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					var e struct {
						Error struct{ Err string } `json:"error"`
					}
					if json.Unmarshal(raw, &e) == nil && e.Error.Err != "" {
						rep.Errors = append(rep.Errors, LoadError{Package: pkg, Message: firstLine(e.Error.Err)})
					}
					continue
				}
				rule, ok := all.ByID(strings.ReplaceAll(name, "_", "-"))
				if !ok {
					continue
				}
				for _, d := range diags {
					rep.Findings = append(rep.Findings, toFinding(rule, d, src))
				}
			}
		}
	}
}

func toFinding(rule meta.Rule, d vetDiagnostic, src *sourceReader) Finding {
	file, line, col := splitPosn(d.Posn)
	file = src.path(file)
	_, endLine, endCol := splitPosn(d.End)
	if endLine == 0 {
		endLine, endCol = line, col
	}
	f := Finding{Rule: rule.ID(), File: file, Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Message: d.Message, Related: []Related{}, Fixes: []Fix{}}
	f.Severity = rule.Severity
	switch d.Category {
	case meta.Error, meta.Warning, meta.Information, meta.Hint:
		f.Severity = d.Category
	}
	for _, r := range d.Related {
		rf, rl, rc := splitPosn(r.Posn)
		rf = src.path(rf)
		f.Related = append(f.Related, Related{File: rf, Line: rl, Column: rc, Message: r.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fix := Fix{Message: sf.Message, Edits: []Edit{}}
		ok := true
		for _, e := range sf.Edits {
			name := src.path(e.Filename)
			l1, c1, ok1 := src.lineCol(name, e.Start)
			l2, c2, ok2 := src.lineCol(name, e.End)
			if !ok1 || !ok2 {
				ok = false
				break
			}
			fix.Edits = append(fix.Edits, Edit{File: name, Line: l1, Column: c1, EndLine: l2, EndColumn: c2, NewText: e.New})
		}
		if ok {
			f.Fixes = append(f.Fixes, fix)
		}
	}
	return f
}

// splitPosn parses "file:line:col".
func splitPosn(p string) (string, int, int) {
	i := strings.LastIndex(p, ":")
	if i < 0 {
		return p, 0, 0
	}
	j := strings.LastIndex(p[:i], ":")
	if j < 0 {
		return p, 0, 0
	}
	line, err1 := strconv.Atoi(p[j+1 : i])
	col, err2 := strconv.Atoi(p[i+1:])
	if err1 != nil || err2 != nil {
		return p, 0, 0
	}
	return p[:j], line, col
}

// sourceReader turns byte offsets of fixes into lines and columns, reading
// unsaved buffers first.
type sourceReader struct {
	overlay  map[string]string
	cache    map[string][]byte
	original map[string]string // overlay file → the file it stands for
}

// path maps a position in an overlay file back to the user's file: the go
// command reports the replacement's name.
func (s *sourceReader) path(p string) string {
	if o, ok := s.original[p]; ok {
		return o
	}
	return p
}

func (s *sourceReader) lineCol(file string, off int) (int, int, bool) {
	b, ok := s.cache[file]
	if !ok {
		if c, ok := s.overlay[file]; ok {
			b = []byte(c)
		} else {
			var err error
			if b, err = os.ReadFile(file); err != nil {
				return 0, 0, false
			}
		}
		s.cache[file] = b
	}
	if off < 0 || off > len(b) {
		return 0, 0, false
	}
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(b[:off], '\n') + 1) + 1
	return line, col, true
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// translate puts the findings' messages, related information and fix titles
// into the catalog's language; the analyzers report English (see engine/i18n).
func translate(rep *Report, c *i18n.Catalog) {
	if c == nil {
		return
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		f.Message = c.Translate(f.Message)
		for j := range f.Related {
			f.Related[j].Message = c.Translate(f.Related[j].Message)
		}
		for j := range f.Fixes {
			f.Fixes[j].Message = c.Translate(f.Fixes[j].Message)
		}
	}
}
