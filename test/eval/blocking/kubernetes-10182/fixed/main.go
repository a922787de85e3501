// Fixed version of kubernetes/kubernetes#10182: the send happens after the lock is released.
package main

import "sync"

type statusManager struct {
	podStatusesLock  sync.RWMutex
	podStatuses      map[string]string
	podStatusChannel chan string
}

func (s *statusManager) SetPodStatus(pod, status string) {
	s.podStatusesLock.Lock()
	s.podStatuses[pod] = status
	s.podStatusesLock.Unlock()
	s.podStatusChannel <- pod // fixed
}

func (s *statusManager) DeletePodStatus(pod string) {
	s.podStatusesLock.Lock()
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
