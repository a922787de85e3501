package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// recordEnv names the folder the vet tool copies its configuration into
// during a check that may be replayed (see Replay).
const recordEnv = "GOCONC_RECORD_VETCFG"

// maxRecordCopy bounds what a recording copies out of go vet's work folder.
const maxRecordCopy = 32 << 20

// RecordVetConfig runs in the vet tool before it analyses a package: when
// the driver asked for it (recordEnv), it keeps a copy of the configuration
// go vet wrote for a package it reports on. Dependencies analysed only for
// their facts are not kept: their plan never changes while the user types.
func RecordVetConfig(args []string) {
	dir := os.Getenv(recordEnv)
	if dir == "" || len(args) == 0 {
		return
	}
	cfgPath := args[len(args)-1]
	if !strings.HasSuffix(cfgPath, ".cfg") {
		return
	}
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		return
	}
	var c vetConfig
	if json.Unmarshal(b, &c) != nil || c.VetxOnly || c.ID == "" {
		return
	}
	// Dependencies vetted or compiled in this very run have their facts and
	// export data in go vet's work folder, removed when it exits: keep a
	// copy. (Those found in the build cache stay where they are.)
	work := filepath.Dir(filepath.Dir(cfgPath)) + string(filepath.Separator)
	var raw map[string]json.RawMessage
	if json.Unmarshal(b, &raw) != nil {
		return
	}
	// On a cold build most dependencies were compiled in this run: copying
	// their export data would cost more than the go command it saves. The
	// next check finds them in the build cache and records then.
	var size int64
	for _, field := range []string{"PackageFile", "PackageVetx"} {
		var m map[string]string
		if json.Unmarshal(raw[field], &m) != nil {
			return
		}
		for _, path := range m {
			if strings.HasPrefix(path, work) {
				if st, err := os.Stat(path); err == nil {
					size += st.Size()
				}
			}
		}
	}
	if size > maxRecordCopy {
		return
	}
	for _, field := range []string{"PackageFile", "PackageVetx"} {
		var m map[string]string
		if json.Unmarshal(raw[field], &m) != nil {
			return
		}
		for pkg, path := range m {
			if !strings.HasPrefix(path, work) {
				continue
			}
			sum := sha256.Sum256([]byte(path))
			keep := filepath.Join(dir, "files", hex.EncodeToString(sum[:8])+filepath.Ext(path))
			if copyFile(path, keep) != nil {
				return
			}
			m[pkg] = keep
		}
		raw[field], _ = json.Marshal(m)
	}
	b, err = json.Marshal(raw)
	if err != nil {
		return
	}
	sum := sha256.Sum256([]byte(c.ID))
	_ = os.WriteFile(filepath.Join(dir, hex.EncodeToString(sum[:8])+".json"), b, 0o600)
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

// vetConfig is the part of the go command's vet.cfg the replay reads or
// rewrites; the rest of the file is carried over as it was.
type vetConfig struct {
	ID           string
	Dir          string
	ImportPath   string
	GoFiles      []string
	NonGoFiles   []string
	IgnoredFiles []string
	ImportMap    map[string]string
	PackageFile  map[string]string
	VetxOnly     bool
}
