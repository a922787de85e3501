package lockdocs

import "testing"

// The caller-holds-the-lock comments of real code (nats-server, badger,
// raft), and their negations.
func TestMustHold(t *testing.T) {
	for text, want := range map[string]bool{
		"Lock should be held.":                                   true,
		"Write lock should be held.":                             true,
		"Lock is held on entry.":                                 true,
		"Server lock held on entry.":                             true,
		"Lock is assumed held.":                                  true,
		"Assume the lock is held upon entry.":                    true,
		"hasConflict must be called while having a lock.":        true,
		"purge must be called with x.mu held.":                   true,
		"mu must be held.":                                       true,
		"No lock held on entry.":                                 false,
		"Lock should not be held.":                               false,
		"Lock must not be held upon entry.":                      false,
		"Lock not held on entry, but session is in the map.":     false,
		"Lock does not need to be held, we set it on setup.":     false,
		"Hit writes under the read lock: other readers run too.": false,
		"Len returns the number of items.":                       false,
	} {
		got := MustHold(text)
		if got != want {
			t.Errorf("%q: got %v, want %v", text, got, want)
		}
	}
}
