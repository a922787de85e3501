package lockstate

import (
	"go/token"
	"hash/maphash"

	"golang.org/x/tools/go/ssa"
)

// heldLock is one lock held on a path.
type heldLock struct {
	key       Key
	read      bool
	count     int       // 1, or 2 meaning "more than once"
	site      token.Pos // where this function acquired it (or the call that handed it over)
	uncertain bool      // held on some merged paths only, or a callee may have released it
}

type tryLock struct {
	key  Key
	read bool
	site token.Pos
}

// state is the lock state on one class of paths. The analysis keeps several
// per block (path-sensitive) and merges only past a bound, so a lock taken and
// deferred under `if needLock` stays paired with its defer.
type state struct {
	held     map[string]heldLock
	defers   []*ssa.Defer
	released map[string]Key // caller's locks this path unlocked without having locked them
	seen     map[token.Pos]bool
	try      map[ssa.Value]tryLock
	// facts are the branch conditions this path took: "v:<value>" for an SSA
	// value, "m:<path>" for a load of a field or variable. Testing the same
	// condition again follows only the branch this path is on, so
	// `if recovering { mu.Lock() } … if recovering { mu.Unlock() }` pairs up.
	facts map[string]bool
}

func newState() *state {
	return &state{held: map[string]heldLock{}, released: map[string]Key{}, seen: map[token.Pos]bool{}, try: map[ssa.Value]tryLock{}, facts: map[string]bool{}}
}

func (s *state) clone() *state {
	c := &state{
		held:     make(map[string]heldLock, len(s.held)),
		defers:   append([]*ssa.Defer(nil), s.defers...),
		released: make(map[string]Key, len(s.released)),
		seen:     make(map[token.Pos]bool, len(s.seen)),
		try:      make(map[ssa.Value]tryLock, len(s.try)),
		facts:    make(map[string]bool, len(s.facts)),
	}
	for k, v := range s.facts {
		c.facts[k] = v
	}
	for k, v := range s.held {
		c.held[k] = v
	}
	for k, v := range s.released {
		c.released[k] = v
	}
	for k, v := range s.seen {
		c.seen[k] = v
	}
	for k, v := range s.try {
		c.try[k] = v
	}
	return c
}

// signature identifies the state among those that reached a block: an
// order-independent sum of the hashes of its entries, with two seeds (128
// bits), so no entry is formatted or sorted — building and sorting strings
// here was over half the lock model's time on hashicorp/raft.
func (s *state) signature() signature {
	var sig signature
	add := func(h0, h1 uint64) { sig[0] += h0; sig[1] += h1 }
	for id, h := range s.held {
		e := heldEntry{id, h.read, h.count, h.site, h.uncertain}
		add(maphash.Comparable(seeds[0], e), maphash.Comparable(seeds[1], e))
	}
	for _, d := range s.defers {
		e := sigEntry[*ssa.Defer]{'d', d}
		add(maphash.Comparable(seeds[0], e), maphash.Comparable(seeds[1], e))
	}
	for id := range s.released {
		e := sigEntry[string]{'r', id}
		add(maphash.Comparable(seeds[0], e), maphash.Comparable(seeds[1], e))
	}
	for p := range s.seen {
		e := sigEntry[token.Pos]{'s', p}
		add(maphash.Comparable(seeds[0], e), maphash.Comparable(seeds[1], e))
	}
	for v := range s.try {
		e := sigEntry[ssa.Value]{'t', v}
		add(maphash.Comparable(seeds[0], e), maphash.Comparable(seeds[1], e))
	}
	for k, v := range s.facts {
		e := factEntry{k, v}
		add(maphash.Comparable(seeds[0], e), maphash.Comparable(seeds[1], e))
	}
	return sig
}

type signature [2]uint64

var seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

type heldEntry struct {
	id        string
	read      bool
	count     int
	site      token.Pos
	uncertain bool
}

// sigEntry tags an entry with its kind, so a defer and a TryLock value at the
// same address, or a released lock and a fact with the same text, differ.
type sigEntry[T comparable] struct {
	kind byte
	v    T
}

type factEntry struct {
	cond  string
	taken bool
}

// join merges two states when a block has seen too many: what is held on one
// side only becomes uncertain, which silences every report about it.
func join(a, b *state) *state {
	out := a.clone()
	for id, h := range out.held {
		o, ok := b.held[id]
		if !ok || o.read != h.read || o.site != h.site {
			h.uncertain = true
		} else if o.uncertain {
			h.uncertain = true
		}
		if ok && o.count > h.count {
			h.count = o.count
		}
		out.held[id] = h
	}
	for id, h := range b.held {
		if _, ok := out.held[id]; !ok {
			h.uncertain = true
			out.held[id] = h
		}
	}
	have := map[*ssa.Defer]bool{}
	for _, d := range out.defers {
		have[d] = true
	}
	for _, d := range b.defers {
		if !have[d] {
			out.defers = append(out.defers, d)
		}
	}
	for id, k := range b.released {
		out.released[id] = k
	}
	for p := range b.seen {
		out.seen[p] = true
	}
	for v, t := range b.try {
		out.try[v] = t
	}
	for k, v := range out.facts {
		if bv, ok := b.facts[k]; !ok || bv != v {
			delete(out.facts, k)
		}
	}
	return out
}

// blockStates holds the distinct states that reached a block.
type blockStates struct {
	sigs   map[signature]bool
	n      int
	joined *state
}

const maxStatesPerBlock = 12

// admit returns the state to propagate from the block, or nil when nothing new
// arrived.
func (bs *blockStates) admit(s *state) *state {
	sig := s.signature()
	if bs.sigs[sig] {
		return nil
	}
	if bs.n < maxStatesPerBlock {
		bs.sigs[sig] = true
		bs.n++
		return s
	}
	if bs.joined == nil {
		bs.joined = s
	} else {
		bs.joined = join(bs.joined, s)
	}
	jsig := bs.joined.signature()
	if bs.sigs[jsig] {
		return nil
	}
	bs.sigs[jsig] = true
	return bs.joined.clone()
}
