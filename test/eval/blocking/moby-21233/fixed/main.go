// Fixed version of moby/moby#21233: the consumer drains the channel after a write error.
package main

import "errors"

type Progress struct{ Current int }

func writeToClient(p Progress) error {
	if p.Current > 1 {
		return errors.New("client gone")
	}
	return nil
}

func pull(updates []Progress) error {
	progressChan := make(chan Progress)
	go func() {
		for _, p := range updates { // fixed
			progressChan <- p // fixed
		}
		close(progressChan)
	}()
	var firstErr error
	for p := range progressChan {
		if firstErr != nil {
			continue
		}
		firstErr = writeToClient(p)
	}
	return firstErr
}

func main() { _ = pull([]Progress{{1}, {2}, {3}}) }
