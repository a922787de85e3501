// Package errgroup has the shape of golang.org/x/sync/errgroup that the
// goroutine model recognises (the test does not download modules).
package errgroup

type Group struct{}

func (g *Group) Go(f func() error)         { go f() }              // want `go \? -`
func (g *Group) TryGo(f func() error) bool { go f(); return true } // want `TryGo starts: go \? -`
func (g *Group) Wait() error               { return nil }
