// Reproduces: kubernetes/kubernetes#49985 https://github.com/kubernetes/kubernetes/pull/49985 (fixes #49958)
// Kind: map-unlocked
// Expected: concurrent-map-write
//
// Federation ClusterController: the status loop (its own goroutine) rewrites
// the per-cluster maps while the informer's add/delete handlers write the same
// maps, with no lock anywhere.
package main

import "time"

type ClusterController struct {
	clusterClusterStatusMap map[string]string
	clusterKubeClientMap    map[string]int
}

func (cc *ClusterController) addToClusterSet(name string) {
	cc.clusterKubeClientMap[name] = 1 // bug-partner
}

func (cc *ClusterController) delFromClusterSet(name string) {
	delete(cc.clusterClusterStatusMap, name)
	delete(cc.clusterKubeClientMap, name)
}

func (cc *ClusterController) UpdateClusterStatus() {
	for name := range cc.clusterKubeClientMap {
		cc.clusterClusterStatusMap[name] = "ready" // bug: map-unlocked
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
