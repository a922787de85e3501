// Reproduces: moby/moby#4951 https://github.com/moby/moby/pull/4951 (GoBench goker moby/4951)
// Kind: ab-ba
// Expected: lock-order-inversion
//
// devicemapper: DeleteDevice takes the DeviceSet lock and then the device's
// info.lock; removing a device from a path that already holds info.lock takes
// the DeviceSet lock second.
package main

import "sync"

type DevInfo struct {
	lock sync.Mutex
	name string
}

type DeviceSet struct {
	sync.Mutex
	devices map[string]*DevInfo
}

func (devices *DeviceSet) DeleteDevice(hash string) {
	devices.Lock()
	defer devices.Unlock()
	info := devices.devices[hash]
	info.lock.Lock() // bug: ab-ba
	defer info.lock.Unlock()
	delete(devices.devices, hash)
}

func (devices *DeviceSet) removeDeviceAndWait(info *DevInfo) {
	info.lock.Lock()
	defer info.lock.Unlock()
	devices.Lock() // bug-partner
	info.name = ""
	devices.Unlock()
}

func main() {
	info := &DevInfo{name: "a"}
	ds := &DeviceSet{devices: map[string]*DevInfo{"a": info}}
	go ds.DeleteDevice("a")
	ds.removeDeviceAndWait(info)
}
