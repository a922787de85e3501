package driver

import (
	"strings"
)

// loadErrors condenses what the go command printed on stderr into one line
// per package that could not be analysed. vet prints "# pkg" headers
// followed by the compiler's or type checker's errors; a pattern that
// matches nothing or a go.mod problem comes without a header.
func loadErrors(stderr string) []LoadError {
	var out []LoadError
	pkg := ""
	seen := map[string]bool{}
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "# "):
			pkg = strings.TrimPrefix(line, "# ")
			continue
		case strings.HasPrefix(line, "\t"), strings.HasPrefix(line, "  "):
			continue // continuation of the previous message
		case strings.HasPrefix(line, "go: downloading"):
			continue
		}
		key := pkg
		if key == "" {
			key = line
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		msg := strings.TrimPrefix(line, "vet: ")
		out = append(out, LoadError{Package: pkg, Message: msg})
	}
	return out
}
