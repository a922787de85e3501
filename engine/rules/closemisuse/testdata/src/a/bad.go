package a

import "fmt"

type Stream struct {
	out chan int
}

func (s *Stream) finish(err error) {
	close(s.out)
	if err != nil {
		fmt.Println(err)
	}
	close(s.out) // want "`s.out` is closed twice on this path"
}

func produceAll(xs []int) {
	out := make(chan int, len(xs))
	defer close(out)
	for _, x := range xs {
		out <- x
	}
	close(out) // want "closed here and again by `defer close\\(out\\)`"
}

func flush(ch chan string) {
	close(ch)
	ch <- "last" // want "send on `ch` after it was closed"
}

// Every worker closes the shared channel when it finishes.
func workers(n int) chan int {
	done := make(chan int)
	for i := 0; i < n; i++ {
		go func() {
			defer close(done) // want "`done` is closed by every goroutine started here"
			done <- i
		}()
	}
	return done
}

// The first answer wins and the receiver closes: the slower senders panic.
func firstAnswer(servers []string) string {
	answers := make(chan string)
	for _, s := range servers {
		go func() {
			answers <- "reply from " + s
		}()
	}
	a := <-answers
	close(answers) // want "`answers` is closed by its receiver while other goroutines may still send"
	return a
}
