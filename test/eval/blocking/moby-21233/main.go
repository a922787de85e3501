// Reproduces: moby/moby#21233 https://github.com/moby/moby/pull/21233 (GoBench goker moby/21233)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send
//
// Image pull progress: a goroutine forwards progress messages on an
// unbuffered channel to the writer loop. When writing to the client fails,
// the writer loop returns and the forwarder blocks on its next send.
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
		for _, p := range updates { // bug-partner
			progressChan <- p // bug: send-no-partner
		}
		close(progressChan)
	}()
	for p := range progressChan {
		if err := writeToClient(p); err != nil {
			return err // bug-partner
		}
	}
	return nil
}

func main() { _ = pull([]Progress{{1}, {2}, {3}}) }
