// Fixed version of moby/moby#23425: the lazy load happens under a lock.
package main

import (
	"net/http"
	"sync"
)

type plugin struct{ name string }

type authorizationPlugin struct {
	name   string
	mu     sync.Mutex
	plugin *plugin
}

func (a *authorizationPlugin) initPlugin() *plugin {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.plugin == nil {
		a.plugin = &plugin{name: a.name} // fixed
	}
	return a.plugin
}

func (a *authorizationPlugin) AuthZRequest(w http.ResponseWriter, r *http.Request) {
	p := a.initPlugin()
	_ = p.name
}

func main() {
	a := &authorizationPlugin{name: "authz"}
	http.HandleFunc("/", a.AuthZRequest)
	_ = http.ListenAndServe("127.0.0.1:0", nil)
}
