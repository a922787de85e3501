// Reproduces: open-telemetry/opentelemetry-go-contrib#5080 https://github.com/open-telemetry/opentelemetry-go-contrib/pull/5080 (issue #4895)
// Kind: counter
// Expected: unsynchronized-shared-write, data-race
//
// otelhttp's bodyWrapper counts the request bytes read with a plain int64
// `read += n` in Read; the handler may read the body from another goroutine
// while the middleware reads the counter after ServeHTTP returns.
package main

import (
	"io"
	"net/http"
	"strings"
)

type bodyWrapper struct {
	io.ReadCloser
	read int64
}

func (w *bodyWrapper) Read(b []byte) (int, error) {
	n, err := w.ReadCloser.Read(b)
	w.read += int64(n) // bug: counter
	return n, err
}

func handler(w http.ResponseWriter, r *http.Request) {
	go func() { _, _ = io.Copy(io.Discard, r.Body) }()
}

func middleware(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		bw := &bodyWrapper{ReadCloser: r.Body}
		r.Body = bw
		next(w, r)
		_ = bw.read // bug-partner
	}
}

func main() {
	http.HandleFunc("/", middleware(handler))
	r, _ := http.NewRequest("POST", "/", strings.NewReader("hello"))
	_ = r
	_ = http.ListenAndServe("127.0.0.1:0", nil)
}
