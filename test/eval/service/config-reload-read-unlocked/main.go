// Reproduces: service pattern: configuration hot-reloaded on SIGHUP by a goroutine that swaps the config pointer under the mutex, while the proxy handler reads it without the mutex
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

type Config struct {
	Upstream string        `json:"upstream"`
	Timeout  time.Duration `json:"timeout"`
}

type Proxy struct {
	mu  sync.Mutex
	cfg *Config
}

func readConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

func (p *Proxy) watchReload(path string) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	for range hup {
		c, err := readConfig(path)
		if err != nil {
			log.Printf("reload: %v", err)
			continue
		}
		p.mu.Lock()
		p.cfg = c // bug-partner
		p.mu.Unlock()
		log.Printf("reloaded: upstream %s", c.Upstream)
	}
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cfg := p.cfg // bug: field-unlocked
	target, err := url.Parse(cfg.Upstream)
	if err != nil {
		http.Error(w, "bad upstream", http.StatusBadGateway)
		return
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.Transport = &http.Transport{ResponseHeaderTimeout: cfg.Timeout}
	rp.ServeHTTP(w, r)
}

func main() {
	const path = "/etc/edge/config.json"
	cfg, err := readConfig(path)
	if err != nil {
		log.Fatal(err)
	}
	p := &Proxy{cfg: cfg}
	go p.watchReload(path)
	log.Fatal(http.ListenAndServe(":8085", p))
}
