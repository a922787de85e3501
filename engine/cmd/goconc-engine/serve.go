package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/goconc/goconc/engine/driver"
)

// The editor's protocol: one JSON object per line each way.
//
//	→ {"id":1,"method":"check","params":{"dir":"/ws","patterns":["./pkg"],"overlay":{"/ws/pkg/a.go":"…"},"lang":"ko"}}
//	← {"id":1,"result":{"version":1,"findings":[…],"errors":[…]}}
//	→ {"id":2,"method":"cancel","params":{"id":1}}      the cancelled check answers {"id":1,"error":"cancelled"}
//	→ {"id":3,"method":"shutdown"}
//
// A check with the same "key" as a running one cancels it: typing never
// queues work behind a stale version. Typed again on the TypeScript side in
// server/src/goEngine/protocol.ts.
type request struct {
	ID     int             `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

type checkParams struct {
	Key      string            `json:"key"`
	Dir      string            `json:"dir"`
	Patterns []string          `json:"patterns"`
	Overlay  map[string]string `json:"overlay"`
	Tags     string            `json:"tags"`
	Lang     string            `json:"lang"` // language of messages, "ko" or English
}

type response struct {
	ID     int            `json:"id"`
	Result *driver.Report `json:"result,omitempty"`
	Error  string         `json:"error,omitempty"`
}

func serve(in io.Reader, out io.Writer) int {
	tool, err := self()
	if err != nil {
		fmt.Fprintf(os.Stderr, "goconc-engine: cannot locate its own binary: %v\n", err)
		return 2
	}
	var (
		mu      sync.Mutex
		running = map[int]context.CancelFunc{}
		byKey   = map[string]int{}
		wg      sync.WaitGroup
		outMu   sync.Mutex
		replay  = driver.NewReplay()
	)
	defer replay.Close()
	enc := json.NewEncoder(out)
	send := func(r response) {
		outMu.Lock()
		defer outMu.Unlock()
		_ = enc.Encode(r)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for sc.Scan() {
		var req request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			fmt.Fprintf(os.Stderr, "goconc-engine: bad request: %v\n", err)
			continue
		}
		switch req.Method {
		case "check":
			var p checkParams
			if err := json.Unmarshal(req.Params, &p); err != nil || p.Dir == "" {
				send(response{ID: req.ID, Error: "check needs params.dir"})
				continue
			}
			ctx, cancel := context.WithCancel(context.Background())
			mu.Lock()
			if p.Key != "" {
				if old, ok := byKey[p.Key]; ok {
					if c := running[old]; c != nil {
						c()
					}
				}
				byKey[p.Key] = req.ID
			}
			running[req.ID] = cancel
			mu.Unlock()
			wg.Add(1)
			go func(id int, p checkParams) {
				defer wg.Done()
				rep, err := driver.Check(ctx, driver.Options{Dir: p.Dir, Patterns: p.Patterns, Overlay: p.Overlay, Tool: tool, Tags: p.Tags, GoBin: goBin(), Lang: p.Lang, Replay: replay})
				mu.Lock()
				delete(running, id)
				if p.Key != "" && byKey[p.Key] == id {
					delete(byKey, p.Key)
				}
				mu.Unlock()
				cancelled := ctx.Err() != nil
				cancel()
				switch {
				case cancelled:
					send(response{ID: id, Error: "cancelled"})
				case err != nil:
					send(response{ID: id, Error: err.Error()})
				default:
					send(response{ID: id, Result: rep})
				}
			}(req.ID, p)
		case "cancel":
			var p struct {
				ID int `json:"id"`
			}
			_ = json.Unmarshal(req.Params, &p)
			mu.Lock()
			if c := running[p.ID]; c != nil {
				c()
			}
			mu.Unlock()
		case "shutdown":
			mu.Lock()
			for _, c := range running {
				c()
			}
			mu.Unlock()
			wg.Wait()
			return 0
		default:
			send(response{ID: req.ID, Error: "unknown method " + req.Method})
		}
	}
	// stdin closed: the server is gone; stop everything.
	mu.Lock()
	for _, c := range running {
		c()
	}
	mu.Unlock()
	wg.Wait()
	return 0
}
