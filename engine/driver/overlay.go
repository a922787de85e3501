package driver

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// overlayFiles is the go command's -overlay file: unsaved editor buffers
// written to a temporary folder and mapped over the files on disk.
type overlayFiles struct {
	dir      string
	json     string
	original map[string]string
}

func writeOverlay(contents map[string]string) (*overlayFiles, error) {
	dir, err := os.MkdirTemp("", "goconc-overlay-")
	if err != nil {
		return nil, err
	}
	replace := map[string]string{}
	original := map[string]string{}
	i := 0
	for path, text := range contents {
		i++
		p := filepath.Join(dir, filepath.Base(path)+"."+itoa(i)+".go")
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		replace[path] = p
		original[p] = path
	}
	b, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	jp := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(jp, b, 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &overlayFiles{dir: dir, json: jp, original: original}, nil
}

func (o *overlayFiles) remove() { os.RemoveAll(o.dir) }

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
