// Reproduces: service pattern: a long data import under a bsm/redislock lock with a 15s TTL that a ticker refreshes every 5s while the import (up to 10 minutes) runs
// Kind: correct
// Expected: (silent)
package main

import (
	"context"
	"errors"
	"log"
	"time"

	"github.com/bsm/redislock"
	"github.com/redis/go-redis/v9"
)

type Importer struct {
	locker *redislock.Client
	run    func(context.Context) error
}

func main() {
	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
	im := &Importer{locker: redislock.New(rdb), run: func(ctx context.Context) error { return nil }}
	if err := im.Import(context.Background()); err != nil {
		log.Fatal(err)
	}
}

func (im *Importer) Import(ctx context.Context) error {
	lock, err := im.locker.Obtain(ctx, "lock:import", 15*time.Second, nil)
	if errors.Is(err, redislock.ErrNotObtained) {
		return nil
	}
	if err != nil {
		return err
	}
	defer lock.Release(context.Background())

	work, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-work.Done():
				return
			case <-t.C:
				if err := lock.Refresh(work, 15*time.Second, nil); err != nil {
					cancel() // lost the lock: stop importing
					return
				}
			}
		}
	}()
	return im.run(work)
}
