package lockstate

// Summary is what a call does to the caller's locks, in the callee's terms
// (parameters, free variables, package variables). It is ordered where order
// matters: each acquisition says which of the caller's locks the callee had
// already released when it acquired — the difference between a callee that
// takes B while the caller holds A (an A→B order) and one that lets go of A
// first (recalc() in the engine issue).
type Summary struct {
	Acquires      []Acquire // every acquisition, the callees' included
	NetAcquired   []Held    // held at every normal return (lock handed to the caller)
	NetReleased   []Key     // caller's locks released at every normal return
	MaybeReleased []Key     // released or acquired on some returns only: the caller stops trusting its state for these
	Blocks        bool      // reserved: the callee can block on a channel or WaitGroup
}

// Acquire is one lock acquisition reachable from the function.
type Acquire struct {
	Key            Key
	Read           bool
	Must           bool  // on every path through the function
	ReleasedBefore []Key // caller's locks released (on every path) before this acquisition
}

// Held is a lock and its mode.
type Held struct {
	Key  Key
	Read bool
}

// FuncSummary is the fact exported for a function: its summary with no
// argument known, and variants for boolean parameters bound to a constant
// (`remove(k, false)` when remove locks only `if needLock`).
type FuncSummary struct {
	Default  Summary
	Variants []Variant // a slice, not a map: facts must encode deterministically
}

// Variant is the summary with one boolean parameter bound.
type Variant struct {
	Param   int
	Value   bool
	Summary Summary
}

func (*FuncSummary) AFact() {}

func (*FuncSummary) String() string { return "lockSummary" }

func (s *Summary) empty() bool {
	return len(s.Acquires) == 0 && len(s.NetAcquired) == 0 && len(s.NetReleased) == 0 && len(s.MaybeReleased) == 0
}
