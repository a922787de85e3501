// Package rawbegin sends BEGIN as text on its connections: a connection's
// query may be inside a transaction begun so, and is silent.
package rawbegin

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func Begin(ctx context.Context, conn *pgx.Conn) error {
	_, err := conn.Exec(ctx, "BEGIN ISOLATION LEVEL SERIALIZABLE")
	return err
}

func Lock(ctx context.Context, conn *pgx.Conn) error {
	_, err := conn.Exec(ctx, "SELECT 1 FROM t WHERE id = 1 FOR UPDATE")
	return err
}

// A pool is still a pool: BEGIN sent through it lands on some connection.
func LockPool(ctx context.Context, pool *pgxpool.Pool) error {
	_, err := pool.Exec(ctx, "SELECT 1 FROM t WHERE id = 1 FOR UPDATE") // want "runs on the pool `pool`"
	return err
}
