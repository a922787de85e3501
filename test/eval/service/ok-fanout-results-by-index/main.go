// Reproduces: service pattern: the shard fan-out done right — each goroutine writes only its own element of a slice sized before the goroutines start, the handler merges after Wait
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

type Hit struct {
	Doc   string  `json:"doc"`
	Score float64 `json:"score"`
}

type Shard struct {
	name string
	docs []string
}

func (s *Shard) Search(ctx context.Context, q string) []Hit {
	var hits []Hit
	for _, d := range s.docs {
		if ctx.Err() != nil {
			break
		}
		if strings.Contains(d, q) {
			hits = append(hits, Hit{Doc: s.name + "/" + d, Score: float64(len(q)) / float64(len(d))})
		}
	}
	return hits
}

type Searcher struct {
	shards []*Shard
}

func (s *Searcher) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	ctx, cancel := context.WithTimeout(r.Context(), 500*time.Millisecond)
	defer cancel()

	perShard := make([][]Hit, len(s.shards))
	var wg sync.WaitGroup
	for i, sh := range s.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			perShard[i] = sh.Search(ctx, q)
		}()
	}
	wg.Wait()

	var all []Hit
	for _, hits := range perShard {
		all = append(all, hits...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Score > all[j].Score })
	_ = json.NewEncoder(w).Encode(all)
}

func main() {
	s := &Searcher{shards: []*Shard{
		{name: "a", docs: []string{"golang channels", "mutex basics"}},
		{name: "b", docs: []string{"race detector", "golang maps"}},
		{name: "c", docs: []string{"context cancellation"}},
	}}
	http.HandleFunc("/search", s.handleSearch)
	log.Fatal(http.ListenAndServe(":8088", nil))
}
