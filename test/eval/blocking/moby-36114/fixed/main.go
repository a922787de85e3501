// Fixed version of moby/moby#36114: the callee has a variant for callers that hold the lock.
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
	svm.Lock() // fixed
	defer svm.Unlock()
	svm.hotRemoveVHDsLocked(paths...)
}

func (svm *serviceVM) hotRemoveVHDsLocked(paths ...string) {
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
	svm.Lock()
	defer svm.Unlock()
	for i, p := range paths {
		if err := attach(p); err != nil {
			svm.hotRemoveVHDsLocked(paths[:i]...) // fixed
			return err
		}
		svm.attachedVHDs[p]++
	}
	return nil
}

func main() {
	svm := &serviceVM{attachedVHDs: map[string]int{}}
	_ = svm.hotAddVHDs("a", "bad")
	svm.hotRemoveVHDs("a")
}
