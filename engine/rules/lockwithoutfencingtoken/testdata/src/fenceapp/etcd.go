package fenceapp

import (
	"context"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
)

func etcdPut(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/locks/config")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	if _, err := cli.Put(ctx, "/config/version", "2"); err != nil { // want `\(\*clientv3\.Client\)\.Put writes while the etcd mutex locked at line 12 is held but is not conditioned on still owning it`
		m.Unlock(ctx)
		return err
	}
	// A read.
	if _, err := cli.Get(ctx, "/config/version"); err != nil {
		m.Unlock(ctx)
		return err
	}
	if err := m.Unlock(ctx); err != nil {
		return err
	}
	// After the release.
	_, err := cli.Delete(ctx, "/config/draft")
	return err
}

func etcdTxnWithoutOwnership(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/locks/config")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(ctx)
	_, err := cli.Txn(ctx).
		If(clientv3.Compare(clientv3.Version("/config/version"), ">", 0)).
		Then(clientv3.OpPut("/config/version", "3")).
		Commit() // want `clientv3\.Txn\.Commit writes while the etcd mutex locked at line 34`
	return err
}

func etcdTxnIsOwner(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/locks/config")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(ctx)
	resp, err := cli.Txn(ctx).If(m.IsOwner()).Then(clientv3.OpPut("/config/version", "4")).Commit()
	if err != nil {
		return err
	}
	_ = resp.Succeeded
	return nil
}

func etcdTxnCreateRevision(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/locks/config")
	if err := m.TryLock(ctx); err != nil {
		return err
	}
	defer m.Unlock(ctx)
	owner := clientv3.Compare(clientv3.CreateRevision(m.Key()), "=", m.Header().Revision)
	_, err := cli.Txn(ctx).If(owner).Then(clientv3.OpDelete("/config/draft")).Commit()
	return err
}

// A read-only Txn under the lock.
func etcdTxnRead(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/locks/config")
	if err := m.Lock(ctx); err != nil {
		return err
	}
	defer m.Unlock(ctx)
	_, err := cli.Txn(ctx).Then(clientv3.OpGet("/config/version")).Commit()
	return err
}

// The failed Lock's branch holds nothing.
func etcdLockFailed(ctx context.Context, cli *clientv3.Client, s *concurrency.Session) error {
	m := concurrency.NewMutex(s, "/locks/config")
	if err := m.Lock(ctx); err != nil {
		_, _ = cli.Put(ctx, "/config/last-error", err.Error())
		return err
	}
	return m.Unlock(ctx)
}
