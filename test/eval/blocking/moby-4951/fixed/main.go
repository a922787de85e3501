// Fixed version of moby/moby#4951: both paths take the DeviceSet lock first.
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
	info.lock.Lock() // fixed
	defer info.lock.Unlock()
	delete(devices.devices, hash)
}

func (devices *DeviceSet) removeDeviceAndWait(info *DevInfo) {
	devices.Lock()
	defer devices.Unlock()
	info.lock.Lock()
	info.name = ""
	info.lock.Unlock()
}

func main() {
	info := &DevInfo{name: "a"}
	ds := &DeviceSet{devices: map[string]*DevInfo{"a": info}}
	go ds.DeleteDevice("a")
	ds.removeDeviceAndWait(info)
}
