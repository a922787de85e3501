package store

import (
	"fmt"
	gosync "sync"
)

var _ gosync.Locker

// Inventory tracks stock per SKU.
type Inventory struct {
	/*|*/stock  map[string]int
	history []string
	owner   string
}

func (inv *Inventory) String() string { return fmt.Sprint(inv.owner) }
