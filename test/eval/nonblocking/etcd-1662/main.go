// Reproduces: etcd-io/etcd#1662 https://github.com/etcd-io/etcd/pull/1662
// Kind: field-unlocked
// Expected: unsynchronized-shared-write, data-race
//
// "The data race happens when etcd updates member attributes and fetches
// member info in http handler at the same time": the apply path writes a
// member's attributes while the members handler reads them, without a lock.
package main

import (
	"fmt"
	"net/http"
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
	members map[uint64]*Member
}

func (c *Cluster) UpdateMemberAttributes(id uint64, attr Attributes) {
	c.members[id].Attributes = attr // bug: field-unlocked
}

func (c *Cluster) membersHandler(w http.ResponseWriter, r *http.Request) {
	for _, m := range c.members {
		fmt.Fprintln(w, m.Name, m.ClientURLs) // bug-partner
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
