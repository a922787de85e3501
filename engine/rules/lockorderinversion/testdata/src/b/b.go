// Package b inverts an order taken in package c, seen through c's facts.
package b

import "c"

func Backwards(r *c.Registry) {
	r.Items.Lock()
	defer r.Items.Unlock()
	r.Meta.Lock() // want `Registry.Meta is locked while holding Registry.Items here, but c.Forwards locks Registry.Items while holding Registry.Meta`
	r.Meta.Unlock()
}
