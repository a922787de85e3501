package lockstate

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// FuncReport is what the analysis found in one function of the package under
// analysis, with no argument known.
type FuncReport struct {
	Fn           *ssa.Function
	Acquisitions []*Acquisition
	DoubleLocks  []*DoubleLock
	Edges        []*Edge
	GaveUp       bool // past the work bound: nothing is reported for it
	// Held: the locks held at the tracked instructions that hold any (see HeldAt).
	Held map[ssa.Instruction]HeldSet
	// Takes: every lock the function acquires, itself or in a callee (even
	// one that releases it again before returning), at the call that does.
	Takes   []Take
	reached map[ssa.Instruction]struct{}
}

// Acquisition is one place where the function acquires a lock: a Lock call,
// or a call of a function that returns with the lock held (Via names it).
type Acquisition struct {
	Site                  token.Pos
	Key                   Key
	Read                  bool
	Via                   string
	Must                  bool // the acquisition is on every path to a return
	InLoop                bool // the acquisition can run again in the same call (a loop body)
	Releases              []Release
	HeldAtReturns         []Exit
	ReleasedAtReturns     []Exit
	HeldAtPanics          []token.Pos
	HeldIntoNextIteration bool
	Uncertain             bool // some path's state was merged: say nothing
	Reacquires            bool // re-takes a caller's lock this function released
}

// Release is an unlock that ended an acquisition.
type Release struct {
	Site     token.Pos
	Deferred bool
}

// Exit is a return with the constants it returns ("" where not constant).
type Exit struct {
	Pos    token.Pos
	Consts []string
}

func (a *Acquisition) addRelease(site token.Pos, deferred bool) {
	for _, r := range a.Releases {
		if r.Site == site && r.Deferred == deferred {
			return
		}
	}
	a.Releases = append(a.Releases, Release{Site: site, Deferred: deferred})
}

// DoubleLock is an acquisition of a lock the path already holds.
type DoubleLock struct {
	Site     token.Pos
	Key      Key
	Read     bool
	Prev     token.Pos // where the held lock was acquired
	PrevRead bool
	Via      string // the callee that acquires it, "" when direct
	Must     bool   // every path reaching Site holds the lock
	// CalleeMust: the callee acquires on every path through it (true when direct).
	CalleeMust bool
}

// Edge says: at Site, the lock class To is acquired while From is held.
type Edge struct {
	From, To         string
	FromKey, ToKey   Key
	FromRead, ToRead bool
	Site             token.Pos
	HeldSite         token.Pos
	Via              string
	Fn               *ssa.Function
	Gates            []string // other write-held classes on every path: a common one serialises both sides
}

// Take is one acquisition a function performs, itself or through a call.
type Take struct {
	Site token.Pos // the Lock call, or the call of the function that locks
	Key  Key       // in the function's terms
	Read bool
	Via  string // the callee, "" when direct
}
