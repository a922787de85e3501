package driver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// What a replayed plan depends on besides the package's own text, stamped
// when the plan is recorded and compared before each replay.

// dependencyStamps lists the folders of the packages' dependencies the user
// can change — not the standard library, not the read-only module cache —
// and the module files (go.mod, go.sum, go.work) that decide the rest, each
// with a stamp of its current state.
func dependencyStamps(ctx context.Context, goBin, dir, tags string, patterns []string) (map[string]string, error) {
	args := []string{"list", "-e", "-deps", "-test", "-json=ImportPath,Dir,Standard,Module"}
	if tags != "" {
		args = append(args, "-tags="+tags)
	}
	cmd := exec.CommandContext(ctx, goBin, append(args, patterns...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	env, err := exec.CommandContext(ctx, goBin, "env", "GOMODCACHE", "GOWORK").Output()
	if err != nil {
		return nil, err
	}
	vars := strings.Split(strings.TrimSpace(string(env)), "\n")
	modCache := filepath.Clean(vars[0]) + string(filepath.Separator)
	stamps := map[string]string{}
	if len(vars) > 1 && vars[1] != "" && vars[1] != "off" {
		stamps[vars[1]] = fileStamp(vars[1])
	}
	dec := json.NewDecoder(&out)
	for {
		var p struct {
			Dir      string
			Standard bool
			Module   *struct {
				Dir   string
				GoMod string
			}
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		if p.Standard || p.Dir == "" || strings.HasPrefix(p.Dir, modCache) {
			continue
		}
		stamps[p.Dir] = folderStamp(p.Dir)
		if p.Module != nil && p.Module.GoMod != "" && !strings.HasPrefix(p.Module.GoMod, modCache) {
			stamps[p.Module.GoMod] = fileStamp(p.Module.GoMod)
			sum := filepath.Join(filepath.Dir(p.Module.GoMod), "go.sum")
			stamps[sum] = fileStamp(sum)
		}
	}
	return stamps, nil
}

// stampsUnchanged reports whether every stamped file and folder is as it was.
func stampsUnchanged(stamps map[string]string) bool {
	for path, was := range stamps {
		var now string
		if strings.HasSuffix(path, ".mod") || strings.HasSuffix(path, ".sum") || strings.HasSuffix(path, ".work") {
			now = fileStamp(path)
		} else {
			now = folderStamp(path)
		}
		if now != was {
			return false
		}
	}
	return true
}

// fileStamp is a file's size and modification time ("absent" when missing).
func fileStamp(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "absent"
	}
	return strconv.FormatInt(st.Size(), 10) + "@" + strconv.FormatInt(st.ModTime().UnixNano(), 10)
}

// folderStamp covers the Go files of a folder: their names, sizes and times.
func folderStamp(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "unreadable"
	}
	h := sha256.New()
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		fmt.Fprintf(h, "%s %s\n", e.Name(), fileStamp(filepath.Join(dir, e.Name())))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// goFileNames lists a folder's Go files, sorted.
func goFileNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// planHeader is what in a file decides the go command's plan for its
// package: the package name, build constraints and imports. Any change to
// it (or a file that no longer parses that far) means asking go vet again.
func planHeader(name string, text []byte) string {
	f, err := parser.ParseFile(token.NewFileSet(), name, text, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return "unparsable"
	}
	var b strings.Builder
	b.WriteString(f.Name.Name)
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if constraint.IsGoBuild(c.Text) || constraint.IsPlusBuild(c.Text) || strings.HasPrefix(c.Text, "//go:") {
				b.WriteString("\n" + c.Text)
			}
		}
	}
	for _, imp := range f.Imports {
		b.WriteString("\nimport " + imp.Path.Value)
	}
	return b.String()
}
