// Package syncx holds the concurrent helpers the standard library lacks:
// [Map], a typed, sharded map guarded by RWMutexes with atomic
// read-modify-write operations ([Map.Compute], [Map.LoadOrCompute]), and
// [KeyedMutex], a lock per key for serialising work on one entity while
// other entities proceed in parallel.
//
// It deliberately does not wrap what sync, sync/atomic and sync.OnceValue
// already give (Mutex, RWMutex, WaitGroup, atomic.Int64, atomic.Pointer,
// OnceFunc/OnceValue).
//
// # Map or sync.Map?
//
// The sync.Map documentation says it is optimised for two cases: a key is
// written once and read many times (caches that only grow), or goroutines
// read, write and overwrite disjoint sets of keys. Use sync.Map there. Use
// [Map] when you need a typed API, read-modify-write of one key without a
// lost update ([Map.Compute]), compute-once-per-key initialisation
// ([Map.LoadOrCompute]), or an accurate [Map.Len]; and for a plain typed map
// with a mix of reads and writes to the same keys.
package syncx
