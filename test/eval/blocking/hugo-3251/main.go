// Reproduces: gohugoio/hugo#3251 https://github.com/gohugoio/hugo/pull/3251 (GoBench goker hugo/3251)
// Kind: lock-under-lock
// Expected: lock-order-inversion, double-lock
//
// getJSON's per-URL locks: URLLock holds the table's mutex while it blocks on
// the URL's own mutex; the goroutine holding the URL's mutex needs the table's
// mutex in URLUnlock to release it.
package main

import "sync"

type remoteLock struct {
	sync.Mutex
	m map[string]*sync.Mutex
}

func (l *remoteLock) URLLock(url string) {
	l.Lock()
	if _, ok := l.m[url]; !ok {
		l.m[url] = &sync.Mutex{}
	}
	l.m[url].Lock() // bug: lock-under-lock
	l.Unlock()
}

func (l *remoteLock) URLUnlock(url string) {
	l.Lock() // bug-partner
	defer l.Unlock()
	if um, ok := l.m[url]; ok {
		um.Unlock()
	}
}

func resGetRemote(l *remoteLock, url string, wg *sync.WaitGroup) {
	defer wg.Done()
	l.URLLock(url)
	defer l.URLUnlock(url)
}

func main() {
	l := &remoteLock{m: map[string]*sync.Mutex{}}
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go resGetRemote(l, "http://example.com", &wg)
	}
	wg.Wait()
}
