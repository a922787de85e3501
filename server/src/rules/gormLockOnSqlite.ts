// gorm-lock-on-sqlite: a `clause.Locking{…}` in a module whose only database
// driver is SQLite (gorm.io/driver/sqlite, github.com/glebarez/sqlite, mattn,
// modernc, ncruces). GORM's SQLite dialectors build the FOR clause as nothing
// ("SQLite3 does not support row-level locking"), so the query runs unlocked
// and no error says so. Modules that also require a server database's driver
// stay silent: there the clause works in production.
import { aliasesOf, clauseImport, isLockingLiteral, usesGorm } from '../analysis/gorm';
import { ancestors, findAll, type Node } from '../parse/syntax';
import type { Rule } from './types';

const messages = {
  sqliteLock: {
    en: '`{clause}` does nothing on SQLite: GORM\'s SQLite driver ({driver} in go.mod) drops the FOR UPDATE/SHARE clause without an error, so this query locks no row — serialise the writers another way (one writer goroutine, an optimistic version check, BEGIN IMMEDIATE)',
    ko: '`{clause}`는 SQLite에서 아무 일도 하지 않습니다: GORM의 SQLite 드라이버(go.mod의 {driver})는 FOR UPDATE/SHARE 절을 오류 없이 빼므로 이 쿼리는 어떤 행도 잠그지 않습니다 — 쓰기를 다른 방법으로 직렬화하세요 (쓰기 고루틴 하나, 낙관적 버전 확인, BEGIN IMMEDIATE)',
  },
};

const sqliteDrivers = ['gorm.io/driver/sqlite', 'github.com/glebarez/sqlite', 'github.com/glebarez/go-sqlite', 'github.com/mattn/go-sqlite3', 'modernc.org/sqlite', 'github.com/ncruces/go-sqlite3', 'github.com/libtnb/sqlite'];
// Drivers of databases that do lock rows: with one of them required directly, production may well use it.
const serverDrivers = [
  'gorm.io/driver/postgres', 'gorm.io/driver/mysql', 'gorm.io/driver/sqlserver', 'gorm.io/driver/clickhouse', 'gorm.io/driver/gaussdb',
  'github.com/jackc/pgx', 'github.com/lib/pq', 'github.com/go-sql-driver/mysql', 'github.com/microsoft/go-mssqldb', 'github.com/denisenkom/go-mssqldb',
  'github.com/oracle-samples/gorm-oracle', 'github.com/sijms/go-ora', 'github.com/cengsin/oracle', 'github.com/godror/godror', 'gorm.io/driver/oracle',
];

/** The function declaration (not a literal inside it) around `n`. */
function outermostFunction(n: Node): Node | undefined {
  return ancestors(n).find((p) => p.type === 'function_declaration' || p.type === 'method_declaration');
}

const matches = (mod: string, prefixes: string[]) => prefixes.some((p) => mod === p || mod.startsWith(`${p}/`));

export const gormLockOnSqlite: Rule = {
  meta: {
    id: 'gorm-lock-on-sqlite',
    title: { en: 'GORM row lock on SQLite', ko: 'SQLite에서 GORM 행 락' },
    description: {
      en: 'clause.Locking in a module whose only database driver is SQLite: GORM drops the clause silently, nothing is locked.',
      ko: '데이터베이스 드라이버가 SQLite뿐인 모듈의 clause.Locking: GORM이 절을 조용히 빼서 아무것도 잠그지 않습니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: false,
    messages,
  },
  check(ctx) {
    const clauseAliases = aliasesOf(ctx.summary.imports, clauseImport);
    const goMod = ctx.pkg.goMod;
    if (!usesGorm(ctx) || clauseAliases.length === 0 || !goMod) return;
    const direct = goMod.requires.filter((m) => !(goMod.indirect ?? []).includes(m));
    const driver = direct.find((m) => matches(m, sqliteDrivers));
    if (!driver || direct.some((m) => matches(m, serverDrivers))) return;
    for (const lit of findAll(ctx.tree.rootNode, 'composite_literal')) {
      if (!isLockingLiteral(lit, clauseAliases)) continue;
      // Code that asks which dialect it runs on has seen the difference.
      const fn = outermostFunction(lit);
      if (fn && /Dialector\.Name\(\)|\.Dialect\(\)/.test(fn.text)) continue;
      ctx.report({ node: lit, messageId: 'sqliteLock', args: { clause: lit.childForFieldName('type')?.text ?? 'clause.Locking', driver } });
    }
  },
};
