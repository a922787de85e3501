// Reproduces: service pattern: the queue consumer's workers keep their own local tallies and send them on a channel when the job channel closes; the batch totals are summed by the caller
// Kind: correct
// Expected: (silent)
package main

import (
	"encoding/json"
	"log"
)

type Job struct {
	ID      string
	Payload []byte
}

type tally struct {
	processed int
	failed    []string
}

type Consumer struct {
	workers int
}

func handle(j Job) error {
	var msg map[string]any
	if err := json.Unmarshal(j.Payload, &msg); err != nil {
		return err
	}
	log.Printf("job %s: %d fields", j.ID, len(msg))
	return nil
}

func (c *Consumer) worker(jobs <-chan Job, done chan<- tally) {
	var t tally
	for j := range jobs {
		if err := handle(j); err != nil {
			t.failed = append(t.failed, j.ID)
			continue
		}
		t.processed++
	}
	done <- t
}

func (c *Consumer) Run(batch []Job) tally {
	jobs := make(chan Job)
	done := make(chan tally, c.workers)
	for i := 0; i < c.workers; i++ {
		go c.worker(jobs, done)
	}
	for _, j := range batch {
		jobs <- j
	}
	close(jobs)
	var total tally
	for i := 0; i < c.workers; i++ {
		t := <-done
		total.processed += t.processed
		total.failed = append(total.failed, t.failed...)
	}
	return total
}

func main() {
	c := &Consumer{workers: 4}
	total := c.Run([]Job{
		{ID: "a", Payload: []byte(`{"x":1}`)},
		{ID: "b", Payload: []byte(`{"y":2,"z":3}`)},
		{ID: "c", Payload: []byte(`not json`)},
		{ID: "d", Payload: []byte(`{}`)},
	})
	log.Printf("processed %d, failed %v", total.processed, total.failed)
}
