// Fixed version of etcd-io/etcd#1662: the cluster's mutex guards the member attributes.
package main

import (
	"fmt"
	"net/http"
	"sync"
)

type Attributes struct {
	Name       string
	ClientURLs []string
}

type Member struct {
	ID uint64
	Attributes
}

type Cluster struct {
	sync.Mutex
	members map[uint64]*Member
}

func (c *Cluster) UpdateMemberAttributes(id uint64, attr Attributes) {
	c.Lock()
	defer c.Unlock()
	c.members[id].Attributes = attr // fixed
}

func (c *Cluster) membersHandler(w http.ResponseWriter, r *http.Request) {
	c.Lock()
	defer c.Unlock()
	for _, m := range c.members {
		fmt.Fprintln(w, m.Name, m.ClientURLs)
	}
}

func main() {
	c := &Cluster{members: map[uint64]*Member{1: {ID: 1}}}
	http.HandleFunc("/members", c.membersHandler)
	go func() {
		for i := 0; ; i++ {
			c.UpdateMemberAttributes(1, Attributes{Name: fmt.Sprint(i)})
		}
	}()
	_ = http.ListenAndServe("127.0.0.1:0", nil)
}
