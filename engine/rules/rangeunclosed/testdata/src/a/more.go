package a

import (
	"fmt"
	"log"
	"os"
	"os/signal"
)

// OK: the channel goes to the standard library, which owns it from then on.
func signals() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	for s := range ch {
		fmt.Println(s)
	}
}

// OK: a deferred closure closes it.
func closedByClosure(n int) {
	ch := make(chan int)
	go func() {
		defer func() { close(ch) }()
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	for v := range ch {
		fmt.Println(v)
	}
}

// OK: returned to the caller, who may close it.
func returned() chan int {
	ch := make(chan int)
	go func() {
		for v := range ch {
			fmt.Println(v)
		}
	}()
	return ch
}

// OK: the body leaves on the first value: the range never waits for a second.
func firstError(n int, work func(int) error) error {
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			if err := work(i); err != nil {
				errs <- err
			}
		}()
	}
	for err := range errs {
		return err
	}
	return nil
}

// OK: the body fails the program on the first value: no second receive.
func fatalOnFirst(n int, work func(int) error) {
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			errs <- work(i)
		}()
	}
	for err := range errs {
		log.Fatalf("%v", err)
	}
}
