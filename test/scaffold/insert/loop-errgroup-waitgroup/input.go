package work

import (
	"log"
	"sync"
)

func fetch(url string) error { return nil }

func FetchAll(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(url string) {
			defer wg.Done()
			if err := fetch(url); err != nil {
				log.Print(err)
				return
			}
		}(u)/*|*/
	}
	wg.Wait()
}
