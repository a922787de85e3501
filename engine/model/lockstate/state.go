package lockstate

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

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

func (s *state) signature() string {
	var parts []string
	for id, h := range s.held {
		parts = append(parts, fmt.Sprintf("h%s/%v/%d/%d/%v", id, h.read, h.count, h.site, h.uncertain))
	}
	for _, d := range s.defers {
		parts = append(parts, fmt.Sprintf("d%p", d))
	}
	for id := range s.released {
		parts = append(parts, "r"+id)
	}
	for p := range s.seen {
		parts = append(parts, fmt.Sprintf("s%d", p))
	}
	for v := range s.try {
		parts = append(parts, fmt.Sprintf("t%p", v))
	}
	for k, v := range s.facts {
		parts = append(parts, fmt.Sprintf("c%s=%v", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ";")
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
	sigs   map[string]bool
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
