// Reproduces: service pattern: a redirect table and tenant map filled in main from a file before the server starts, then only read by handlers
// Kind: correct
// Expected: (silent)
package main

import (
	"bufio"
	"log"
	"net/http"
	"os"
	"strings"
)

type Redirector struct {
	routes  map[string]string
	tenants map[string]bool
	def     string
}

func loadRoutes(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	routes := make(map[string]string)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 2 && !strings.HasPrefix(fields[0], "#") {
			routes[fields[0]] = fields[1]
		}
	}
	return routes, sc.Err()
}

func (rd *Redirector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tenant := r.Header.Get("X-Tenant")
	if !rd.tenants[tenant] {
		http.Error(w, "unknown tenant", http.StatusForbidden)
		return
	}
	if to, ok := rd.routes[r.URL.Path]; ok {
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	http.Redirect(w, r, rd.def, http.StatusFound)
}

func main() {
	routes, err := loadRoutes("/etc/redirector/routes.txt")
	if err != nil {
		log.Fatal(err)
	}
	rd := &Redirector{routes: routes, tenants: make(map[string]bool), def: "https://www.example.com/"}
	for _, t := range strings.Split(os.Getenv("TENANTS"), ",") {
		if t != "" {
			rd.tenants[t] = true
		}
	}
	routes["/healthz-old"] = "/healthz"
	log.Printf("%d routes, %d tenants", len(rd.routes), len(rd.tenants))

	mux := http.NewServeMux()
	mux.Handle("/", rd)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	log.Fatal(http.ListenAndServe(":8098", mux))
}
