package a

import (
	"context"
	"errors"
)

// The channel is made and returned by subscribe; its caller, the only
// receiver, can return on ctx.Done() without receiving the error.
func subscribe(ctx context.Context) (<-chan string, <-chan error) {
	evC := make(chan string)
	errC := make(chan error)
	go func() {
		err := errors.New("stream closed")
		errC <- err // want "goroutine may block forever on `errC <- err`: `errC` is unbuffered, subscribe returns it, and its caller processEvents can return without receiving from it"
	}()
	return evC, errC
}

func processEvents(ctx context.Context) error {
	evC, errC := subscribe(ctx)
	for {
		select {
		case <-evC:
		case err := <-errC:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// OK: the caller always receives.
func startJob() <-chan error {
	done := make(chan error)
	go func() {
		done <- errors.New("finished")
	}()
	return done
}

func runJob() error {
	return <-startJob()
}

// OK: the goroutine's send can give up on ctx.
func watchErrors(ctx context.Context) <-chan error {
	errC := make(chan error)
	go func() {
		select {
		case errC <- errors.New("lost"):
		case <-ctx.Done():
		}
	}()
	return errC
}

func waitWatch(ctx context.Context) error {
	select {
	case err := <-watchErrors(ctx):
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// OK: the caller hands the channel on (returns it): someone else may drain it.
func results() <-chan int {
	out := make(chan int)
	go func() {
		out <- 1
	}()
	return out
}

func forwardResults(ctx context.Context) <-chan int {
	ch := results()
	if ctx.Err() != nil {
		return nil
	}
	return ch
}

// OK: a buffered channel takes the one send without a receiver.
func fetchAsync() <-chan error {
	errC := make(chan error, 1)
	go func() {
		errC <- errors.New("timeout")
	}()
	return errC
}

func fetchOrCancel(ctx context.Context) error {
	select {
	case err := <-fetchAsync():
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}
