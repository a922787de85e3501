// advisory-lock-pooled-conn: a session-level PostgreSQL advisory lock
// (`pg_advisory_lock`, `pg_try_advisory_lock`, `pg_advisory_unlock`, and the
// `_shared` forms) sent through a connection pool — `*sql.DB`,
// `*pgxpool.Pool`, `*gorm.DB`, `*sqlx.DB`. A session lock belongs to the
// connection that ran the query; the pool hands the next query, the unlock
// included, to any connection. The unlock then fails (returns false) on
// another session and the lock stays with an idle pooled connection until it
// is closed, blocking every other locker. Pin a connection (`db.Conn(ctx)`,
// `pool.Acquire(ctx)`) or use `pg_advisory_xact_lock` in a transaction.
import { executingFunction } from '../analysis/flow';
import { declarationOf, localDeclarations } from '../analysis/locals';
import { findAll, type Node } from '../parse/syntax';
import { callArgs, libraryTypeOf, methodName, stringLiteral, type LibraryType } from './kvLockSupport';
import type { Rule, RuleContext } from './types';

const messages = {
  pooled: {
    en: '`{fn}` runs through the pool `{recv}` ({type}): a session advisory lock belongs to one connection, and the unlock may run on another, leaving the lock held by an idle pooled connection (pin one with {pin}, or use pg_advisory_xact_lock inside a transaction)',
    ko: '`{fn}`이(가) 풀 `{recv}`({type})을(를) 통해 실행됩니다: 세션 advisory lock은 커넥션 하나에 속하는데 unlock은 다른 커넥션에서 실행될 수 있어, 락이 풀의 유휴 커넥션에 남습니다 ({pin}으로 커넥션을 고정하거나 트랜잭션 안에서 pg_advisory_xact_lock 사용)',
  },
};

/** Pools by import path and type name, with how to pin a connection from each. */
const pools: Record<string, { type: string; pin: string }> = {
  'database/sql.DB': { type: '*sql.DB', pin: 'db.Conn(ctx)' },
  'github.com/jmoiron/sqlx.DB': { type: '*sqlx.DB', pin: 'db.Connx(ctx)' },
  'github.com/jackc/pgx/v5/pgxpool.Pool': { type: '*pgxpool.Pool', pin: 'pool.Acquire(ctx)' },
  'github.com/jackc/pgx/v4/pgxpool.Pool': { type: '*pgxpool.Pool', pin: 'pool.Acquire(ctx)' },
  'gorm.io/gorm.DB': { type: '*gorm.DB', pin: 'db.Connection(func(tx *gorm.DB) error { … })' },
};

const queryMethods = new Set(['Exec', 'ExecContext', 'Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'Raw', 'Get', 'GetContext', 'Select', 'SelectContext', 'MustExec', 'MustExecContext', 'QueryRowx', 'Queryx']);

const sessionLock = /\bpg_(try_)?advisory_(un)?lock(_shared)?\s*\(/i;

/** The SQL text of the query argument: a literal, or a local/package constant initialised with one. */
function sqlOf(ctx: RuleContext, arg: Node | undefined): string | undefined {
  const lit = stringLiteral(arg);
  if (lit !== undefined || !arg || arg.type !== 'identifier') return lit;
  // `query := \`SELECT pg_advisory_lock($1)\``, the innermost declaration before the use.
  for (let fn = executingFunction(arg); fn; fn = executingFunction(fn)) {
    const d = declarationOf(localDeclarations(fn), arg.text, arg);
    if (d) return stringLiteral(d.init);
  }
  for (const spec of findAll(ctx.tree.rootNode, ['const_spec', 'var_spec'])) {
    const i = spec.childrenForFieldName('name').findIndex((n) => n?.text === arg.text);
    if (i < 0) continue;
    const v = stringLiteral(spec.childForFieldName('value')?.namedChild(i) ?? undefined);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A `*gorm.DB` from `db.Begin()`, or the transaction of `db.Transaction(func(tx *gorm.DB) error {…})` or `db.Connection(…)`: pinned. */
function gormPinned(recv: Node): boolean {
  if (recv.type !== 'identifier') return false;
  // `tx := db.Begin()`: a GORM transaction holds one connection.
  const began = new RegExp(`\\b${recv.text}\\s*(:=|=)\\s*[\\w.]+\\.Begin\\(`);
  for (let p = recv.parent; p; p = p.parent) if ((p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') && began.test(p.text)) return true;
  for (let p = recv.parent; p; p = p.parent) {
    if (p.type !== 'func_literal') continue;
    const params = p.childForFieldName('parameters')?.text ?? '';
    if (!new RegExp(`\\b${recv.text}\\b`).test(params)) continue;
    const call = p.parent?.type === 'argument_list' ? p.parent.parent : undefined;
    return /^(Transaction|Connection)$/.test(call ? methodName(call) ?? '' : '');
  }
  return false;
}

export const advisoryLockPooledConn: Rule = {
  meta: {
    id: 'advisory-lock-pooled-conn',
    title: { en: 'Session advisory lock through a connection pool', ko: '커넥션 풀을 통한 세션 advisory lock' },
    description: {
      en: 'pg_advisory_lock/pg_advisory_unlock sent through *sql.DB, *pgxpool.Pool or *gorm.DB may lock and unlock on different connections; the lock leaks.',
      ko: '*sql.DB, *pgxpool.Pool, *gorm.DB로 보낸 pg_advisory_lock/pg_advisory_unlock은 서로 다른 커넥션에서 잠그고 풀 수 있어 락이 샙니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'distributed-lock-reviewed',
    fixable: false,
    messages,
  },
  check(ctx) {
    if (!sessionLock.test(ctx.text)) return;
    for (const call of findAll(ctx.tree.rootNode, 'call_expression')) {
      if (!queryMethods.has(methodName(call) ?? '')) continue;
      const args = callArgs(call);
      const sqlArg = args.find((a) => sqlOf(ctx, a) !== undefined && sessionLock.test(sqlOf(ctx, a)!));
      if (!sqlArg) continue;
      const recv = call.childForFieldName('function')?.childForFieldName('operand');
      if (!recv) continue;
      const t: LibraryType | undefined = libraryTypeOf(ctx, recv);
      const pool = t ? pools[`${t.importPath}.${t.name}`] : undefined;
      if (!pool || (t!.importPath === 'gorm.io/gorm' && gormPinned(recv))) continue;
      const fn = /pg_\w+/.exec(sqlOf(ctx, sqlArg)!)![0];
      ctx.report({ node: call, messageId: 'pooled', args: { fn, recv: recv.text, type: pool.type, pin: pool.pin } });
    }
  },
};
