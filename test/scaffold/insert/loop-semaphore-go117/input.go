package work

import "sync"

func handle(id int) {}

func ProcessAll(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			/*|*/handle(id)
		}()
	}
	wg.Wait()
	for i, id := range ids {
		go handle(id + i)
	}
}
