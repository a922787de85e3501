// Reproduces: service pattern: a queue consumer with a fixed pool of workers, each incrementing the batch's processed/failed tallies of a shared struct without a lock
// Kind: counter
// Expected: unsynchronized-shared-write, data-race
package main

import (
	"encoding/json"
	"errors"
	"log"
	"strings"
	"sync"
)

type Job struct {
	ID      string
	Payload []byte
}

type BatchStats struct {
	Processed int
}

type Consumer struct {
	workers int
	stats   BatchStats
}

var errBadPayload = errors.New("bad payload")

func handle(j Job) error {
	var msg map[string]any
	if err := json.Unmarshal(j.Payload, &msg); err != nil {
		return errBadPayload
	}
	log.Printf("job %s: %d fields", j.ID, len(msg))
	return nil
}

func (c *Consumer) worker(jobs <-chan Job, failures chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		if err := handle(j); err != nil {
			failures <- j.ID
			continue
		}
		c.stats.Processed++ // bug: counter
	}
}

func (c *Consumer) Run(batch []Job) []string {
	jobs := make(chan Job)
	failures := make(chan string, len(batch))
	var wg sync.WaitGroup
	for i := 0; i < c.workers; i++ {
		wg.Add(1)
		go c.worker(jobs, failures, &wg)
	}
	for _, j := range batch {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	close(failures)
	var failed []string
	for id := range failures {
		failed = append(failed, id)
	}
	return failed
}

func main() {
	c := &Consumer{workers: 4}
	batch := []Job{
		{ID: "a", Payload: []byte(`{"x":1}`)},
		{ID: "b", Payload: []byte(`{"y":2,"z":3}`)},
		{ID: "c", Payload: []byte(`not json`)},
		{ID: "d", Payload: []byte(`{}`)},
	}
	failed := c.Run(batch)
	log.Printf("processed %d, failed [%s]", c.stats.Processed, strings.Join(failed, ","))
}
