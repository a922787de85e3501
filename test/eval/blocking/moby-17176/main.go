// Reproduces: moby/moby#17176 https://github.com/moby/moby/pull/17176 (GoBench goker moby/17176)
// Kind: missing-unlock
// Expected: lock-without-unlock
//
// devicemapper's cleanupDeletedDevices takes devices.Lock and returns early
// when there is nothing to do, leaving the DeviceSet locked for every later
// operation.
package main

import "sync"

type DeviceSet struct {
	sync.Mutex
	nrDeletedDevices int
	deleted          []string
}

func (devices *DeviceSet) cleanupDeletedDevices() error {
	devices.Lock() // bug-partner
	if devices.nrDeletedDevices == 0 {
		return nil // bug: missing-unlock
	}
	devices.deleted = nil
	devices.nrDeletedDevices = 0
	devices.Unlock()
	return nil
}

func (devices *DeviceSet) markDeleted(hash string) {
	devices.Lock() // bug-partner
	devices.deleted = append(devices.deleted, hash)
	devices.nrDeletedDevices++
	devices.Unlock()
}

func main() {
	ds := &DeviceSet{}
	_ = ds.cleanupDeletedDevices()
	ds.markDeleted("a")
}
