// Reproduces: kubernetes/kubernetes#10182 https://github.com/kubernetes/kubernetes/pull/10182 (GoBench goker kubernetes/10182)
// Kind: chan-under-lock
// Expected: channel-op-under-lock
//
// SetPodStatus sends on the unbuffered podStatusChannel while holding
// podStatusesLock; the syncing goroutine, the only receiver, calls
// DeletePodStatus (which takes the same lock) between two receives.
package main

import "sync"

type statusManager struct {
	podStatusesLock  sync.RWMutex
	podStatuses      map[string]string
	podStatusChannel chan string
}

func (s *statusManager) SetPodStatus(pod, status string) {
	s.podStatusesLock.Lock()
	defer s.podStatusesLock.Unlock()
	s.podStatuses[pod] = status
	s.podStatusChannel <- pod // bug: chan-under-lock
}

func (s *statusManager) DeletePodStatus(pod string) {
	s.podStatusesLock.Lock() // bug-partner
	defer s.podStatusesLock.Unlock()
	delete(s.podStatuses, pod)
}

func (s *statusManager) syncBatch() {
	pod := <-s.podStatusChannel
	s.DeletePodStatus(pod)
}

func (s *statusManager) Start() {
	go func() {
		for {
			s.syncBatch()
		}
	}()
}

func main() {
	s := &statusManager{podStatuses: map[string]string{}, podStatusChannel: make(chan string)}
	s.Start()
	go s.SetPodStatus("a", "running")
	s.SetPodStatus("b", "running")
}
