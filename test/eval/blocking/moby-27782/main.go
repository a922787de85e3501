// Reproduces: moby/moby#27782 https://github.com/moby/moby/pull/27782 (GoBench goker moby/27782)
// Kind: send-no-partner
// Expected: goroutine-leak-blocked-send, select-without-cancel
//
// json-file logger followLogs: the follower goroutine sends each decoded
// message on the watcher's unbuffered Msg channel; when the client detaches
// (WatchClose), the reader stops receiving but the follower keeps sending.
package main

type LogWatcher struct {
	Msg        chan string
	watchClose chan struct{}
}

func (w *LogWatcher) Close() { close(w.watchClose) }

func followLogs(lines []string, w *LogWatcher) {
	for _, l := range lines { // bug-partner
		w.Msg <- l // bug: send-no-partner
	}
}

func readLogs(w *LogWatcher) {
	for {
		select {
		case m := <-w.Msg:
			_ = m
		case <-w.watchClose:
			return // bug-partner
		}
	}
}

func main() {
	w := &LogWatcher{Msg: make(chan string), watchClose: make(chan struct{})}
	go followLogs([]string{"a", "b", "c"}, w)
	w.Close()
	readLogs(w)
}
