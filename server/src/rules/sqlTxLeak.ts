// sql-tx-leak: a database/sql or pgx transaction begun in a function with a
// return path that neither commits nor rolls back. The transaction keeps its
// connection (and its row locks) until the server times it out; with a small
// pool a few such errors stall every query. `defer tx.Rollback()` right after
// the error check closes every path (after Commit it is a no-op).
import { dominates, executingFunction, terminates } from '../analysis/flow';
import { blockStatements, findAll, rangeOf, type Node } from '../parse/syntax';
import { indentationOf } from './fixes';
import { callArgs, libraryTypeOf, methodName, type LibraryType } from './kvLockSupport';
import type { Rule, RuleContext } from './types';

const messages = {
  leak: {
    en: 'transaction `{tx}` from {begin} is neither committed nor rolled back on every path: it holds its connection and locks until the server gives up (add `defer {rollback}` after the error check)',
    ko: '{begin}로 시작한 트랜잭션 `{tx}`이(가) 모든 경로에서 커밋되거나 롤백되지 않습니다: 서버가 끊을 때까지 커넥션과 락을 잡고 있습니다 (오류 검사 뒤에 `defer {rollback}` 추가)',
  },
  exitHere: { en: 'returns with `{tx}` still open', ko: '`{tx}`이(가) 열린 채로 반환합니다' },
  addDefer: { en: 'Add defer {rollback}', ko: 'defer {rollback} 추가' },
};

/** Receivers whose Begin/BeginTx starts a transaction, by import path and type. */
const beginners: Record<string, { methods: string[]; pgx: boolean }> = {
  'database/sql.DB': { methods: ['Begin', 'BeginTx'], pgx: false },
  'database/sql.Conn': { methods: ['BeginTx'], pgx: false },
  'github.com/jmoiron/sqlx.DB': { methods: ['Begin', 'BeginTx', 'Beginx', 'BeginTxx'], pgx: false },
  'github.com/jackc/pgx/v5.Conn': { methods: ['Begin', 'BeginTx'], pgx: true },
  'github.com/jackc/pgx/v5.Tx': { methods: ['Begin'], pgx: true },
  'github.com/jackc/pgx/v5/pgxpool.Pool': { methods: ['Begin', 'BeginTx'], pgx: true },
  'github.com/jackc/pgx/v5/pgxpool.Conn': { methods: ['Begin', 'BeginTx'], pgx: true },
  'github.com/jackc/pgx/v4.Conn': { methods: ['Begin', 'BeginTx'], pgx: true },
  'github.com/jackc/pgx/v4/pgxpool.Pool': { methods: ['Begin', 'BeginTx'], pgx: true },
};

function beginnerOf(t: LibraryType | undefined): { methods: string[]; pgx: boolean } | undefined {
  return t ? beginners[`${t.importPath}.${t.name}`] : undefined;
}

/** A call `tx.Commit(…)` / `tx.Rollback(…)`. */
function isEnd(call: Node, tx: string): boolean {
  const fn = call.childForFieldName('function');
  return fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.text === tx && /^(Commit|Rollback)$/.test(fn.childForFieldName('field')?.text ?? '');
}

const endingHelper = /commit|rollback|finish|end|close|done|complete|cleanup|release/i;

/** Uses of `tx` that hand it on: returned, stored, passed to a call, captured by a deferred/goroutine closure. */
function escapes(fn: Node, tx: string, after: number): boolean {
  for (const id of findAll(fn, 'identifier')) {
    if (id.text !== tx || id.startIndex < after) continue;
    const p = id.parent;
    if (!p) continue;
    if (p.type === 'selector_expression' && p.childForFieldName('operand')?.id === id.id) continue; // tx.Exec(…)
    if (p.type === 'expression_list' && p.parent?.type === 'return_statement') return true;
    if (p.type === 'return_statement') return true;
    if (p.type === 'argument_list') {
      // Handed to a helper that ends it (`finish(tx, err)`), or to a goroutine.
      const callee = p.parent?.childForFieldName('function')?.text ?? '';
      if (endingHelper.test(callee) || p.parent?.parent?.type === 'go_statement' || p.parent?.parent?.type === 'defer_statement') return true;
    }
    if (p.type === 'expression_list' && p.parent?.type === 'assignment_statement' && p.parent.childForFieldName('right')?.id === p.id) return true;
    if (p.type === 'keyed_element' || p.type === 'literal_element' || p.type === 'literal_value') return true;
    if (p.type === 'expression_list' && p.parent?.type === 'short_var_declaration' && p.parent.childForFieldName('right')?.id === p.id) return true;
  }
  return false;
}

/** A deferred call or closure that ends `tx` (or hands it to a cleanup helper). */
function deferEnds(fn: Node, tx: string): boolean {
  return findAll(fn, 'defer_statement').some((d) => findAll(d, 'call_expression').some((c) => isEnd(c, tx) || callArgs(c).some((a) => a.text === tx)));
}

/** The `if err != nil { … }` right after the Begin statement, whose exits leave with no transaction. */
function errCheckAfter(stmt: Node, errName: string | undefined): Node | undefined {
  const block = stmt.parent?.type === 'statement_list' ? stmt.parent.parent : stmt.parent;
  const next = blockStatements(block).find((s) => s.startIndex > stmt.startIndex);
  if (!next || next.type !== 'if_statement' || !errName) return undefined;
  const cond = next.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
  return cond === `${errName}!=nil` || cond.startsWith(`${errName}!=nil||`) ? next : undefined;
}

/**
 * Where control leaves the block that declares the transaction after `stmt`: returns, a `continue`/`break`
 * leaving it, and its closing brace when the block can fall through (the variable goes out of scope).
 */
function exitsOfScope(stmt: Node): Node[] {
  const list = stmt.parent!;
  const block = list.type === 'statement_list' ? list.parent! : list;
  const out: Node[] = [];
  for (const n of findAll(block, ['return_statement', 'continue_statement', 'break_statement'], true)) {
    if (n.startIndex < stmt.endIndex) continue;
    if (n.type !== 'return_statement') {
      if (n.namedChild(0)) continue; // labelled: unsure where it goes
      let inner = false;
      for (let p = n.parent; p && p.id !== block.id; p = p.parent) {
        if (p.type === 'for_statement' || (n.type === 'break_statement' && /switch|select/.test(p.type))) inner = true;
      }
      if (inner) continue;
    }
    out.push(n);
  }
  if (!terminates(block)) {
    const close = block.child(block.childCount - 1);
    if (close) out.push(close);
  }
  return out;
}

function check(ctx: RuleContext, call: Node): void {
  const fnNode = call.childForFieldName('function');
  if (fnNode?.type !== 'selector_expression') return;
  const recv = fnNode.childForFieldName('operand');
  const method = methodName(call) ?? '';
  const b = recv ? beginnerOf(libraryTypeOf(ctx, recv)) : undefined;
  if (!b || !b.methods.includes(method)) return;
  // `tx, err := db.Begin()` / `tx, err = …` as a statement of a block.
  const stmt = call.parent?.parent;
  if (!stmt || (stmt.type !== 'short_var_declaration' && stmt.type !== 'assignment_statement')) return;
  if (stmt.parent?.type !== 'block' && stmt.parent?.type !== 'statement_list') return;
  const left = stmt.childForFieldName('left');
  const txNode = left?.namedChild(0);
  if (!txNode || txNode.type !== 'identifier' || txNode.text === '_') return;
  const tx = txNode.text;
  const errName = left?.namedChild(1)?.text;
  const fn = executingFunction(call);
  if (!fn) return;
  if (deferEnds(fn, tx) || escapes(fn, tx, stmt.endIndex)) return;
  const check = errCheckAfter(stmt, errName);
  const ends = findAll(fn, 'call_expression').filter((c) => c.startIndex > stmt.endIndex && isEnd(c, tx));
  if (ends.length === 0) return; // ended elsewhere (or never used): not judged
  const leaks = exitsOfScope(stmt).filter((exit) => {
    if (check && exit.startIndex >= check.startIndex && exit.endIndex <= check.endIndex) return false;
    // A nested closure's return is not this function's exit.
    if (exit.type === 'return_statement' && executingFunction(exit)?.id !== fn.id) return false;
    if (findAll(exit, 'argument_list').some((a) => callArgs(a.parent!).some((x) => x.text === tx))) return false; // `return finish(tx)`
    return !ends.some((e) => dominates(e, exit) || (e.startIndex >= exit.startIndex && e.endIndex <= exit.endIndex));
  });
  if (leaks.length === 0) return;
  const ctxArg = b.pgx ? callArgs(call)[0]?.text : undefined;
  if (b.pgx && !ctxArg) return;
  const rollback = b.pgx ? `${tx}.Rollback(${ctxArg})` : `${tx}.Rollback()`;
  const args = { tx, begin: `${recv!.text}.${method}`, rollback };
  const after = check ?? stmt;
  const r = rangeOf(after);
  const indent = indentationOf(ctx.text, rangeOf(stmt).startLine);
  const lineEnd = ctx.text.split('\n')[r.endLine]?.length ?? r.endColumn;
  // Only safe when the transaction variable is a simple identifier argument-free to reference at that point.
  const fixable = !!check || !errName || errName === '_';
  ctx.report({
    node: call,
    messageId: 'leak',
    args,
    related: leaks.map((l) => ({ range: rangeOf(l), message: messages.exitHere, args: { tx } })),
    fixes: fixable && (!b.pgx || /^[\w.]+$/.test(ctxArg ?? ''))
      ? [{ title: messages.addDefer, edits: [{ range: { startLine: r.endLine, startColumn: lineEnd, endLine: r.endLine, endColumn: lineEnd }, newText: `\n${indent}defer ${rollback}` }] }]
      : [],
  });
}

export const sqlTxLeak: Rule = {
  meta: {
    id: 'sql-tx-leak',
    title: { en: 'Transaction not ended on every path', ko: '일부 경로에서 끝나지 않는 트랜잭션' },
    description: {
      en: 'A database/sql or pgx transaction has a return path with neither Commit nor Rollback; it keeps its pooled connection and row locks open.',
      ko: 'database/sql 또는 pgx 트랜잭션에 Commit도 Rollback도 없는 반환 경로가 있어 풀의 커넥션과 행 락을 계속 잡습니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: true,
    messages,
  },
  check(ctx) {
    if (!/\bBegin/.test(ctx.text)) return; // no Begin…( call in the text: skip the tree walk
    for (const call of findAll(ctx.tree.rootNode, 'call_expression')) {
      const m = methodName(call);
      if (m && m.startsWith('Begin')) check(ctx, call);
    }
  },
};
