package a

import (
	"sort"
	"sync"
)

// A constructor whose variable is reset on an error path and captured by a
// goroutine it starts: its accesses are still the constructor's.
type DB struct {
	lock  sync.Mutex
	imm   []int
	flush chan int
}

func Open(fail bool) (db *DB, err error) {
	db = &DB{flush: make(chan int, 1)}
	defer func() {
		if err != nil {
			db = nil
		}
	}()
	db.imm = append(db.imm, 1)
	go func() { db.drain() }()
	for _, v := range db.imm {
		db.flush <- v
	}
	return db, nil
}

func (db *DB) drain() {
	for range db.flush {
		db.lock.Lock()
		db.imm = db.imm[1:]
		db.lock.Unlock()
	}
}

func (db *DB) Pending() int {
	db.lock.Lock()
	defer db.lock.Unlock()
	return len(db.imm)
}

func (db *DB) Push(v int) {
	db.lock.Lock()
	defer db.lock.Unlock()
	db.imm = append(db.imm, v)
}

// A closure handed to a transaction helper, inside a function every caller
// holds the lock for (badger's Sequence.updateLease).
type Sequence struct {
	lock   sync.Mutex
	next   uint64
	leased uint64
}

func update(f func() error) error { return f() }

func (s *Sequence) Next() uint64 {
	s.lock.Lock()
	defer s.lock.Unlock()
	if s.next >= s.leased {
		s.updateLease()
	}
	v := s.next
	s.next++
	return v
}

func (s *Sequence) Release() {
	s.lock.Lock()
	defer s.lock.Unlock()
	s.leased = s.next
}

func (s *Sequence) updateLease() {
	_ = update(func() error {
		s.leased = s.next + 100
		return nil
	})
}

func NewSequence() *Sequence {
	s := &Sequence{}
	s.updateLease()
	return s
}

// Methods a constructor hands to sort.Sort before publishing the value.
type discardStats struct {
	sync.Mutex
	slots []int
	next  int
}

func NewStats() *discardStats {
	st := &discardStats{slots: make([]int, 8)}
	st.next = 3
	sort.Sort(st)
	return st
}

func (st *discardStats) Len() int           { return st.next }
func (st *discardStats) Less(i, j int) bool { return st.slots[i] < st.slots[j] }
func (st *discardStats) Swap(i, j int)      { st.slots[i], st.slots[j] = st.slots[j], st.slots[i] }

func (st *discardStats) Add(v int) {
	st.Lock()
	defer st.Unlock()
	st.slots[st.next] = v
	st.next++
}

func (st *discardStats) Remove() {
	st.Lock()
	defer st.Unlock()
	st.next--
}

func (st *discardStats) Count() int {
	st.Lock()
	defer st.Unlock()
	return st.next
}

// A marker parameter says the caller holds the read lock.
type levelRLocked struct{}

type Level struct {
	sync.RWMutex
	tables []int
}

func (l *Level) overlapping(_ levelRLocked) int { return len(l.tables) }

func (l *Level) Add(t int) {
	l.Lock()
	defer l.Unlock()
	l.tables = append(l.tables, t)
}

func (l *Level) Reset() {
	l.Lock()
	defer l.Unlock()
	l.tables = nil
}

func (l *Level) Len() int {
	l.RLock()
	defer l.RUnlock()
	return len(l.tables)
}

func Overlaps(levels []*Level) int {
	n := 0
	for _, l := range levels {
		l.RLock()
		n += l.overlapping(levelRLocked{})
		l.RUnlock()
	}
	return n
}

// The write loop is the field's only writer and reads it without the lock;
// Close reads it once the loop is stopped.
type Log struct {
	mu     sync.Mutex
	maxFid int
	files  map[int]string
	reqs   chan string
}

func (lg *Log) Start() { go lg.writeLoop() }

func (lg *Log) writeLoop() {
	for r := range lg.reqs {
		lg.write(r)
	}
}

func (lg *Log) write(r string) {
	fid := lg.maxFid + 1
	lg.mu.Lock()
	lg.files[fid] = r
	lg.maxFid = fid
	lg.mu.Unlock()
}

func (lg *Log) Newest() string {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	return lg.files[lg.maxFid]
}

func (lg *Log) Oldest() int {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	return lg.maxFid - len(lg.files)
}

func (lg *Log) Close() { lg.closeFiles() }

// OpenLog closes what it loaded on failure: not a concurrent path.
func OpenLog(fail bool) *Log {
	lg := loadLog()
	if fail {
		lg.closeFiles()
		return nil
	}
	return lg
}

func loadLog() *Log { return &Log{files: map[int]string{}} }

func (lg *Log) closeFiles() {
	for id := range lg.files {
		if id == lg.maxFid {
			println(id)
		}
	}
}

// A function documented as run with a lock held counts as holding it.
type Oracle struct {
	sync.Mutex
	reads []uint64
}

func (o *Oracle) Add(r uint64) {
	o.Lock()
	defer o.Unlock()
	o.reads = append(o.reads, r)
}

func (o *Oracle) Commit() bool {
	o.Lock()
	defer o.Unlock()
	return o.hasConflict()
}

func (o *Oracle) Drop() {
	o.Lock()
	defer o.Unlock()
	o.reads = nil
}

// hasConflict must be called while having a lock.
func (o *Oracle) hasConflict() bool { return len(o.reads) > 0 }

// A mutex commented with what it guards in prose names no field of the
// group after it.
type File struct {
	// This is a lock on the file. It guards the fd's value and the map.
	lock    sync.RWMutex
	writeAt int
}

func (f *File) Truncate() {
	f.lock.Lock()
	defer f.lock.Unlock()
	f.writeAt = 0
}

func (f *File) Append(n int) { f.writeAt += n }

// A constructor with a named result a deferred closure reads.
type Store struct {
	mu    sync.Mutex
	blks  []int
	state int
}

func NewStore(n int) (st *Store, err error) {
	st = &Store{}
	defer func() {
		if err != nil {
			st.blks = nil
		}
	}()
	st.blks = make([]int, n)
	st.state = n
	go st.flushLoop()
	return st, nil
}

func (st *Store) flushLoop() {
	st.mu.Lock()
	st.blks = st.blks[:0]
	st.state = 0
	st.mu.Unlock()
}

func (st *Store) Add(b int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.blks = append(st.blks, b)
	st.state++
}

func (st *Store) State() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.state + len(st.blks)
}

type Stores struct {
	mu  sync.Mutex
	all []*Store
}

func (s *Stores) Open(n int) {
	st, err := NewStore(n)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.all = append(s.all, st)
	s.mu.Unlock()
}

// Copying a guarded field into a caller's struct of the same type under
// RLock writes the caller's struct, not the guarded one; `&s.f` handed on
// under RLock is read there (nats-server's FastState, trackingStatesEqual).
type Totals struct{ Msgs, Bytes int }

type Counter struct {
	mu    sync.RWMutex
	state Totals
}

func (c *Counter) Add(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state.Msgs++
	c.state.Bytes += n
}

func (c *Counter) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.state.Msgs = 0
	c.state.Bytes = 0
}

func (c *Counter) FastState(t *Totals) {
	c.mu.RLock()
	t.Msgs = c.state.Msgs
	t.Bytes = c.state.Bytes
	c.mu.RUnlock()
}

func equalTotals(a, b *Totals) bool { return *a == *b }

func (c *Counter) Same(o Totals) bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return equalTotals(&c.state, &o)
}
