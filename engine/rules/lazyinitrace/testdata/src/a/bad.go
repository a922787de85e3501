package a

import (
	"fmt"
	"net/http"
)

type Database struct{ dsn string }

var instance *Database

// The seed's singleton without sync.Once.
func GetDatabase() *Database {
	if instance == nil { // want "lazy initialisation of `instance` is not synchronised \\(an exported getter"
		instance = &Database{dsn: "postgres://"}
	}
	return instance
}

type Server struct {
	cache map[string]string
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cache == nil { // want "`s.cache` is not synchronised \\(HTTP handlers run concurrently\\)"
		s.cache = map[string]string{}
	}
	fmt.Fprintln(w, s.cache[r.URL.Path])
}

var registry map[string]int

func register(name string) {
	if registry == nil { // want "`registry` is not synchronised \\(this function is started with go\\)"
		registry = map[string]int{}
	}
	fmt.Println(len(registry), name)
}

// No automatic fix: reset assigns registry too, so sync.Once would change behaviour.
func reset() { registry = nil }

func startAll(names []string) {
	for _, n := range names[:2] {
		go register(n)
	}
}
