// Reproduces: service pattern: the reverse proxy's SIGHUP reload writing the config under the write lock, handlers reading it through a getter that takes the read lock and returns a copy
// Kind: correct
// Expected: (silent)
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
	mu  sync.RWMutex
	cfg Config
}

func readConfig(path string) (Config, error) {
	var c Config
	data, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	err = json.Unmarshal(data, &c)
	return c, err
}

func (p *Proxy) config() Config {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.cfg
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
		p.cfg = c
		p.mu.Unlock()
	}
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cfg := p.config()
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
