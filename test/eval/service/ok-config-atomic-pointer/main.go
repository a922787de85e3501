// Reproduces: service pattern: hot-reloaded configuration swapped through an atomic.Pointer by the SIGHUP goroutine; handlers Load it once per request
// Kind: correct
// Expected: (silent)
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

type Config struct {
	Greeting  string        `json:"greeting"`
	RateLimit int           `json:"rate_limit"`
	Timeout   time.Duration `json:"timeout"`
}

type App struct {
	cfg atomic.Pointer[Config]
}

func readConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := &Config{}
	if err := json.Unmarshal(data, c); err != nil {
		return nil, err
	}
	return c, nil
}

func (a *App) reloadOnHUP(path string) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	for range hup {
		c, err := readConfig(path)
		if err != nil {
			log.Printf("reload: %v", err)
			continue
		}
		a.cfg.Store(c)
	}
}

func (a *App) handleHello(w http.ResponseWriter, r *http.Request) {
	cfg := a.cfg.Load()
	w.Header().Set("X-Rate-Limit", strconv.Itoa(cfg.RateLimit))
	_, _ = w.Write([]byte(cfg.Greeting + "\n"))
}

func (a *App) handleConfig(w http.ResponseWriter, r *http.Request) {
	_ = json.NewEncoder(w).Encode(a.cfg.Load())
}

func main() {
	const path = "/etc/hello/config.json"
	c, err := readConfig(path)
	if err != nil {
		log.Fatal(err)
	}
	a := &App{}
	a.cfg.Store(c)
	go a.reloadOnHUP(path)
	http.HandleFunc("/hello", a.handleHello)
	http.HandleFunc("/config", a.handleConfig)
	log.Fatal(http.ListenAndServe(":8085", nil))
}
