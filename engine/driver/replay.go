package driver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Replay keeps go vet's plan for the packages an editor checks, so that the
// check after a pause in typing runs the vet tool on the new text at once.
//
// Through the go command every check first lists the package and its
// dependencies and looks up each dependency's vet result in the build cache
// (0.2 s for hashicorp/raft's 18k-line package, before any analysis). While
// the user only edits the bodies of the package's own files that plan does not
// change: the vet tool's configuration — the package's files, its import map,
// the export data and facts of its dependencies in the build cache — is
// recorded by the tool during a check through go vet and replayed with the
// files' new text. Whatever could change the plan sends the check back
// through go vet, which records it again: a file added to or removed from the
// package's folder, a changed package clause, build constraint or import, an
// unsaved buffer outside the package, a dependency's folder in the workspace
// or a go.mod, go.sum or go.work changed on disk, or the tool failing (a
// syntax or type error is reported the way go vet reports it).
//
// Only single-package checks (the editor's) are replayed; `./...` always goes
// through go vet.
type Replay struct {
	mu    sync.Mutex
	plans map[string]*plan
}

// NewReplay returns an empty plan store; one per editor session.
func NewReplay() *Replay { return &Replay{plans: map[string]*plan{}} }

// maxPlans bounds the store: an editor session visits a few packages at a time.
const maxPlans = 64

type plan struct {
	dir     string              // the folder the tool recorded into; holds copies of files go vet removed
	cfgs    []json.RawMessage   // each reported package's vet.cfg, as recorded
	dirs    []string            // their folders
	files   [][]string          // per package: the user's file behind each GoFiles entry
	names   map[string][]string // folder → its Go files
	headers map[string]string   // file → planHeader when recorded
	outside string              // the unsaved buffers outside those folders, hashed
	stamps  map[string]string   // dependencies' folders and module files → their stamps
}

func replayKey(o Options, patterns []string) (string, bool) {
	if len(patterns) != 1 || strings.Contains(patterns[0], "...") {
		return "", false
	}
	return o.Dir + "\x00" + o.Tags + "\x00" + patterns[0], true
}

// run checks with the recorded plan; false when there is none or it may no
// longer hold, and the caller goes through go vet.
func (r *Replay) run(ctx context.Context, o Options, key string, ov *overlayFiles) (*Report, bool) {
	r.mu.Lock()
	p := r.plans[key]
	r.mu.Unlock()
	if p == nil || !p.holds(o.Overlay) {
		return nil, false
	}
	tmp, err := os.MkdirTemp("", "goconc-replay-")
	if err != nil {
		return nil, false
	}
	defer os.RemoveAll(tmp)
	replacement := map[string]string{}
	original := map[string]string{}
	if ov != nil {
		original = ov.original
		for repl, orig := range ov.original {
			replacement[orig] = repl
		}
	}
	var stdout bytes.Buffer
	for i, raw := range p.cfgs {
		var cfg map[string]json.RawMessage
		if json.Unmarshal(raw, &cfg) != nil {
			return nil, false
		}
		files := make([]string, len(p.files[i]))
		for j, f := range p.files[i] {
			if repl, ok := replacement[f]; ok {
				files[j] = repl
			} else {
				files[j] = f
			}
		}
		n := strconv.Itoa(i)
		set := func(k string, v any) { b, _ := json.Marshal(v); cfg[k] = b }
		set("GoFiles", files)
		set("VetxOutput", filepath.Join(tmp, n+".vetx"))
		set("Stdout", filepath.Join(tmp, n+".out"))
		delete(cfg, "FixArchive")
		b, err := json.Marshal(cfg)
		if err != nil {
			return nil, false
		}
		cfgPath := filepath.Join(tmp, n+".cfg")
		if os.WriteFile(cfgPath, b, 0o600) != nil {
			return nil, false
		}
		cmd := exec.CommandContext(ctx, o.Tool, "-json", cfgPath)
		cmd.Dir = p.dirs[i]
		cmd.Env = withoutEnv(os.Environ(), recordEnv)
		if cmd.Run() != nil {
			return nil, false
		}
		out, err := os.ReadFile(filepath.Join(tmp, n+".out"))
		if err != nil {
			return nil, false
		}
		stdout.Write(out)
	}
	rep := &Report{Version: 1, Findings: []Finding{}, Errors: []LoadError{}}
	src := sourceReader{overlay: o.Overlay, cache: map[string][]byte{}, original: original}
	if decodeVetJSON(&stdout, &src, rep) != nil {
		return nil, false
	}
	return rep, true
}

// holds reports whether the plan still describes the packages with this overlay.
func (p *plan) holds(overlay map[string]string) bool {
	if outsideHash(overlay, p.dirs) != p.outside {
		return false
	}
	for dir, names := range p.names {
		now, err := goFileNames(dir)
		if err != nil || !slices.Equal(now, names) {
			return false
		}
		for _, name := range names {
			path := filepath.Join(dir, name)
			text, err := current(path, overlay)
			if err != nil || planHeader(path, text) != p.headers[path] {
				return false
			}
		}
	}
	return stampsUnchanged(p.stamps)
}

// record keeps the plan the vet tool wrote into tmp during a check through
// go vet (the plan owns tmp from then on), or forgets the old one when there
// is none to keep; it reports whether it kept tmp.
func (r *Replay) record(key, tmp string, o Options, ov *overlayFiles, stamps map[string]string) bool {
	p := newPlan(tmp, o.Overlay, ov, stamps)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.drop(key)
	if p == nil {
		return false
	}
	if len(r.plans) >= maxPlans {
		for k := range r.plans {
			r.drop(k)
			break
		}
	}
	r.plans[key] = p
	return true
}

// drop forgets a plan and its files; r.mu is held. A replay running on it
// at the same moment fails to read them and goes through go vet.
func (r *Replay) drop(key string) {
	if old := r.plans[key]; old != nil {
		os.RemoveAll(old.dir)
		delete(r.plans, key)
	}
}

// Close removes every plan's files.
func (r *Replay) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.plans {
		r.drop(k)
	}
}

func newPlan(tmp string, overlay map[string]string, ov *overlayFiles, stamps map[string]string) *plan {
	entries, err := os.ReadDir(tmp)
	if err != nil || len(entries) == 0 || stamps == nil {
		return nil
	}
	original := map[string]string{}
	if ov != nil {
		original = ov.original
	}
	p := &plan{dir: tmp, names: map[string][]string{}, headers: map[string]string{}, stamps: stamps}
	var ids []string
	var imports []map[string]string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(tmp, e.Name()))
		if err != nil {
			return nil
		}
		var cfg vetConfig
		if json.Unmarshal(raw, &cfg) != nil || cfg.Dir == "" {
			return nil
		}
		files := make([]string, len(cfg.GoFiles))
		for i, f := range cfg.GoFiles {
			if o, ok := original[f]; ok {
				f = o
			}
			// Files the go command generated (cgo) live in its work folder,
			// gone by now: such a package is always checked through go vet.
			if filepath.Dir(f) != cfg.Dir {
				return nil
			}
			files[i] = f
		}
		p.cfgs = append(p.cfgs, raw)
		p.dirs = append(p.dirs, cfg.Dir)
		p.files = append(p.files, files)
		ids = append(ids, cfg.ID)
		imports = append(imports, cfg.ImportMap)
	}
	// A package reported on that imports another one (an external test
	// package importing the package under test) needs that one's new export
	// data, which only the go command builds.
	for _, m := range imports {
		for _, to := range m {
			if slices.Contains(ids, to) {
				return nil
			}
		}
	}
	for _, dir := range p.dirs {
		names, err := goFileNames(dir)
		if err != nil {
			return nil
		}
		p.names[dir] = names
		for _, name := range names {
			path := filepath.Join(dir, name)
			text, err := current(path, overlay)
			if err != nil {
				return nil
			}
			p.headers[path] = planHeader(path, text)
		}
		// The packages' own folders change with every save; their headers
		// above are what matters of them.
		delete(p.stamps, dir)
	}
	if len(p.cfgs) == 0 {
		return nil
	}
	p.outside = outsideHash(overlay, p.dirs)
	return p
}

// current is a file's text: the unsaved buffer, else the file on disk.
func current(path string, overlay map[string]string) ([]byte, error) {
	if text, ok := overlay[path]; ok {
		return []byte(text), nil
	}
	return os.ReadFile(path)
}

// outsideHash identifies the unsaved buffers outside the given folders:
// other packages' text the recorded export data was built from.
func outsideHash(overlay map[string]string, dirs []string) string {
	var paths []string
	for path := range overlay {
		if !slices.Contains(dirs, filepath.Dir(path)) {
			paths = append(paths, path)
		}
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, path := range paths {
		h.Write([]byte(path + "\x00" + overlay[path] + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

func withoutEnv(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}
