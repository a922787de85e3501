package driver

import (
	"crypto/sha256"
	"encoding/hex"
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
	for path, text := range contents {
		// The replacement's name is a function of the file and its content, in a
		// directory shared by every run: go vet caches its results, and a cached
		// result names the replacement file of the run that produced it. Named
		// by content, that name is this run's too, and maps back to the file.
		sum := sha256.Sum256([]byte(path + "\x00" + text))
		shared := filepath.Join(os.TempDir(), "goconc-overlay-files", hex.EncodeToString(sum[:12]))
		if err := os.MkdirAll(shared, 0o700); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		p := filepath.Join(shared, filepath.Base(path))
		// Written beside and renamed into place: a concurrent check reading the
		// same name never sees half a file.
		tmp := filepath.Join(dir, filepath.Base(path))
		if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		if err := os.Rename(tmp, p); err != nil {
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
