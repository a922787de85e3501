// Package jobs never imports go-redis: its SetNX is go-redis's all the same,
// promoted through wrap.Cache.
package jobs

import (
	"context"

	"example.com/redisapp/wrap"
)

func RunNightly(ctx context.Context, c *wrap.Cache) bool {
	return c.SetNX(ctx, "lock:nightly", 1, 0).Val() // want "takes lock `\"lock:nightly\"` with no expiry"
}
