// Fixed version of kubernetes/kubernetes#49985: an RWMutex guards both maps.
package main

import (
	"sync"
	"time"
)

type ClusterController struct {
	mu                      sync.RWMutex
	clusterClusterStatusMap map[string]string
	clusterKubeClientMap    map[string]int
}

func (cc *ClusterController) addToClusterSet(name string) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.clusterKubeClientMap[name] = 1
}

func (cc *ClusterController) delFromClusterSet(name string) {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	delete(cc.clusterClusterStatusMap, name)
	delete(cc.clusterKubeClientMap, name)
}

func (cc *ClusterController) UpdateClusterStatus() {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	for name := range cc.clusterKubeClientMap {
		cc.clusterClusterStatusMap[name] = "ready" // fixed
	}
}

func main() {
	cc := &ClusterController{clusterClusterStatusMap: map[string]string{}, clusterKubeClientMap: map[string]int{}}
	go func() {
		for {
			cc.UpdateClusterStatus()
			time.Sleep(time.Millisecond)
		}
	}()
	for i := 0; i < 10; i++ {
		cc.addToClusterSet("c")
		cc.delFromClusterSet("c")
	}
}
