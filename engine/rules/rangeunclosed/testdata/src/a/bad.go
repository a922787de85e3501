package a

import "fmt"

// The seed's "채널 close 안함 → 고루틴 누수": the producer forgets to close.
func squares(n int) {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i * i
		}
	}()
	for v := range ch { // want "`range ch` never ends: nothing closes `ch`"
		fmt.Println(v)
	}
}

// Workers ranging over a jobs channel that the dispatcher never closes leak.
func dispatch(items []string) {
	jobs := make(chan string, len(items))
	for w := 0; w < 3; w++ {
		go func() {
			for j := range jobs { // want "`range jobs` never ends"
				fmt.Println(j)
			}
		}()
	}
	for _, it := range items {
		jobs <- it
	}
}

func emit(out chan<- string, items []string) {
	for _, it := range items {
		out <- it
	}
}

// The producer is another function (found through the workspace index): it never closes.
func printItems(items []string) {
	ch := make(chan string)
	go emit(ch, items)
	for s := range ch { // want "`range ch` never ends"
		fmt.Println(s)
	}
}
