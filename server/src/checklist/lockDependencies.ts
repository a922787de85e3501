// Item 7's second half: a distributed-lock dependency — a Redis lock library
// (a Redis client alone is not one), etcd's concurrency package, Consul or
// ZooKeeper locks, goconc's own dlock, or PostgreSQL advisory locks in code.
import type { FileSummary } from '../index/types';
import { format, type Locale } from '../l10n/locale';
import { readText } from './ci/ciDefinitions';
import { checklistText as t } from './checklistText';
import { matching, type Requirement } from './goModDependencies';
import type { Evidence } from './types';

const lockModules = [
  { prefix: 'github.com/go-redsync/redsync', what: 'Redis Redlock' },
  { prefix: 'github.com/bsm/redislock', what: 'Redis lock' },
  { prefix: 'github.com/jefferyjob/go-redislock', what: 'Redis lock' },
  { prefix: 'go.etcd.io/etcd/client/v3', what: 'etcd concurrency' },
  { prefix: 'go.etcd.io/etcd/clientv3', what: 'etcd concurrency' },
  { prefix: 'github.com/hashicorp/consul/api', what: 'Consul lock' },
  { prefix: 'github.com/go-zookeeper/zk', what: 'ZooKeeper lock' },
  { prefix: 'github.com/goconc/goconc/runtime', what: 'goconc dlock' },
];

export function lockDependencyEvidence(requirements: readonly Requirement[], files: readonly FileSummary[], locale: Locale): Evidence[] {
  const out: Evidence[] = [];
  for (const r of requirements) {
    const known = matching(r.module, lockModules);
    if (known) out.push({ kind: 'dependency', file: r.goMod, line: r.line, column: r.column, message: format(t.lockDependency, locale, { module: r.module, what: known.what }), negative: false });
  }
  // Advisory locks need no dependency beyond the driver: look for them in the code.
  for (const f of files) {
    if (f.path.endsWith('_test.go')) continue;
    const usesDb = Object.values(f.imports).some((p) => p === 'database/sql' || p.includes('pgx') || p.includes('gorm') || p.endsWith('/pq'));
    const dlock = Object.values(f.imports).find((p) => p.endsWith('/dlock'));
    if (!usesDb && !dlock) continue;
    const text = readText(f.path) ?? '';
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /pg_(try_)?advisory_(xact_)?lock/.test(l) || (dlock !== undefined && l.includes(`"${dlock}"`)));
    if (line < 0) continue;
    const viaDlock = dlock !== undefined && lines[line]!.includes(dlock);
    const what = viaDlock ? 'goconc dlock' : 'PostgreSQL advisory lock';
    out.push({ kind: 'dependency', file: f.path, line, column: 0, message: format(t.lockDependency, locale, { module: viaDlock ? dlock : 'pg_advisory_lock', what }), negative: false });
  }
  return out;
}
