// Reproduces: moby/moby#36114 https://github.com/moby/moby/pull/36114 (GoBench goker moby/36114)
// Kind: double-lock-callee
// Expected: double-lock
//
// LCOW service VM: hotAddVHDs holds svm.Lock and calls hotRemoveVHDs on a
// failure, which locks svm again.
package main

import (
	"errors"
	"sync"
)

type serviceVM struct {
	sync.Mutex
	attachedVHDs map[string]int
}

func (svm *serviceVM) hotRemoveVHDs(paths ...string) {
	svm.Lock() // bug: double-lock-callee
	defer svm.Unlock()
	for _, p := range paths {
		delete(svm.attachedVHDs, p)
	}
}

func attach(p string) error {
	if p == "bad" {
		return errors.New("attach failed")
	}
	return nil
}

func (svm *serviceVM) hotAddVHDs(paths ...string) error {
	svm.Lock() // bug-partner
	defer svm.Unlock()
	for i, p := range paths {
		if err := attach(p); err != nil {
			svm.hotRemoveVHDs(paths[:i]...) // bug-partner
			return err
		}
		svm.attachedVHDs[p]++
	}
	return nil
}

func main() {
	svm := &serviceVM{attachedVHDs: map[string]int{}}
	_ = svm.hotAddVHDs("a", "bad")
}
