// Reproduces: moby/moby#23425 https://github.com/moby/moby/pull/23425
// Kind: lazy-init
// Expected: lazy-init-race
//
// pkg/authorization: every API request calls AuthZRequest, which lazily
// loads the plugin with `if a.plugin == nil { a.plugin = … }`; concurrent
// requests race on the field ("lock when lazy loading").
package main

import "net/http"

type plugin struct{ name string }

type authorizationPlugin struct {
	name   string
	plugin *plugin
}

func (a *authorizationPlugin) initPlugin() {
	if a.plugin == nil {
		a.plugin = &plugin{name: a.name} // bug: lazy-init
	}
}

func (a *authorizationPlugin) AuthZRequest(w http.ResponseWriter, r *http.Request) {
	a.initPlugin()
	_ = a.plugin.name // bug-partner
}

func main() {
	a := &authorizationPlugin{name: "authz"}
	http.HandleFunc("/", a.AuthZRequest)
	_ = http.ListenAndServe("127.0.0.1:0", nil)
}
