package app

import (
	"context"
	"errors"

	sync "example.com/insert/internal/sync"
	ctx2 "context"
)

var _ = errors.New
var _ context.Context
var _ ctx2.CancelFunc

func Run() { sync.Do()/*|*/ }
