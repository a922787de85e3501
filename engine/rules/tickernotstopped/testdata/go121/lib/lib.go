// Package lib takes tickers from other packages.
package lib

import "time"

func Keep(t *time.Ticker) { go func() { <-t.C }() }
