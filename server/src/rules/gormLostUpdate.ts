// gorm-lost-update: a read-modify-write of a model through GORM — First/Take/
// Find… into `v`, a new value of a field computed from the old one (`v.Stock
// -= n`, `v.Count++`, `v.Balance = v.Balance + x`, or a field set after a
// condition on it), then Save/Updates/Update of `v` — with neither a row lock
// on the read (clause.Locking) nor a version or compare-and-set condition on
// the write. Two callers interleaving between the read and the write both
// write a value computed from the same old one: one change is lost. Inside a
// transaction too: at READ COMMITTED (PostgreSQL) and REPEATABLE READ (MySQL)
// a plain SELECT takes no lock.
import {
  aliasesOf, chainModel, clauseImport, executes, GormTypes, handleOrigin, literalText, lockingClause, readMethods, transactionAround,
  transactionsIn, usesGorm, versionColumn, writeMethods, type GormChain, type TxScope,
} from '../analysis/gorm';
import { typeResolverFor } from '../analysis/libraryTypes';
import { executingFunction } from '../analysis/flow';
import { blockStatements, findAll, rangeOf, type Node } from '../parse/syntax';
import { declarationOf, localDeclarations } from '../analysis/locals';
import { addImportEdit } from './fixes';
import type { FixSpec, Rule, RuleContext } from './types';

const messages = {
  lostUpdate: {
    en: 'read-modify-write of `{model}` with no row lock and no version check: `{read}` → `{change}` → `{write}`; a concurrent writer between the read and the write is overwritten (lost update)',
    ko: '행 락도 버전 확인도 없는 `{model}`의 읽기-수정-쓰기: `{read}` → `{change}` → `{write}`; 읽기와 쓰기 사이의 동시 쓰기가 덮어써집니다 (갱신 유실)',
  },
  readHere: { en: 'read here without a lock', ko: '여기서 락 없이 읽습니다' },
  changedHere: { en: 'new value computed from the old one here', ko: '여기서 이전 값으로 새 값을 계산합니다' },
  lockRead: { en: 'Lock the row when reading it (SELECT … FOR UPDATE)', ko: '읽을 때 행 잠그기 (SELECT … FOR UPDATE)' },
};

/** Column names that make a write's condition a compare-and-set (besides the version). */
const idCondition = /^\s*[`"]?(\w+\.)?[`"]?(id|uuid|\w+_id|\w+_uuid)[`"]?\s*(=|IN)\s*\(?\s*\?\s*\)?\s*$/i;

/** A field change of `model` computed from its old value, between `from` and `to` in `fn`. */
function derivedChange(fn: Node, model: string, from: number, to: number): Node | undefined {
  const stmts = findAll(fn, ['assignment_statement', 'inc_statement', 'dec_statement'], true).filter((s) => s.startIndex > from && s.endIndex < to);
  const conditions = findAll(fn, 'if_statement', true).filter((s) => s.startIndex > from && s.startIndex < to);
  const decls = localDeclarations(fn);
  for (const s of stmts) {
    const target = s.type === 'assignment_statement' ? s.childForFieldName('left')?.namedChild(0) : s.namedChild(0);
    if (target?.type !== 'selector_expression' || target.childForFieldName('operand')?.text !== model) continue;
    const field = target.text;
    if (s.type !== 'assignment_statement') return s;
    const op = s.child(1)?.text ?? '=';
    const right = s.childForFieldName('right');
    const mentions = new RegExp(`\\b${field.replace('.', '\\.')}\\b`);
    if (op !== '=' && op !== ':=') return s;
    if (mentions.test(right?.text ?? '')) return s;
    // `next := acc.Balance + amount; acc.Balance = next`: computed through a local.
    if (right && findAll(right, 'identifier').some((id) => mentions.test(declarationOf(decls, id.text, id)?.init?.text ?? ''))) return s;
    // Check-then-act: a guard on the field before it is set (`if o.Status != "pending" { return … }; o.Status = "paid"`).
    if (conditions.some((c) => c.startIndex < s.startIndex && guardClause(c) && mentions.test(c.childForFieldName('condition')?.text ?? ''))) return s;
  }
  return undefined;
}

/** `if cond { … return … }`: the branch leaves, so what follows depends on the condition. */
function guardClause(stmt: Node): boolean {
  const body = stmt.childForFieldName('consequence');
  return stmt.type === 'if_statement' && !!body && blockStatements(body).some((b) => b.type === 'return_statement' || b.type === 'continue_statement' || b.type === 'break_statement');
}

/** The write's own conditions make it safe: a version or any column besides the key (compare-and-set), or an atomic expression. */
function guardedWrite(write: GormChain): boolean {
  for (const l of write.links) {
    if (l.name === 'Where' || l.name === 'Not' || l.name === 'Or') {
      const text = literalText(l.args[0]);
      if (text === undefined || !idCondition.test(text)) return true;
    }
    if (writeMethods.has(l.name) && l.args.some((a) => /\bExpr\(/.test(a.text))) return true;
  }
  return false;
}

/** The model's type carries an optimistic version (gorm-version-unchecked's concern), or cannot be told. */
function versionedModel(ctx: RuleContext, model: Node): boolean {
  const types = typeResolverFor(ctx);
  const t = types.typeOf(model);
  if (!t) return false;
  const functions = ctx.index.functions();
  for (const name of ['Version', 'LockVersion', 'Revision', 'RowVersion']) if (functions.fieldOf(t, name)) return true;
  const s = ctx.index.structsIn(ctx.pkg).get(t.name);
  return !!s?.fields.some((f) => /optimisticlock\.Version/.test(f.type) || versionColumn.test(f.name));
}

/** `Transaction(fn, &sql.TxOptions{Isolation: sql.LevelSerializable})` / `Begin(&sql.TxOptions{…})`: the database detects the conflict. */
function serializable(tx: TxScope | undefined): boolean {
  if (!tx) return false;
  const options = tx.kind === 'begin' ? tx.starter.text : (tx.outerChain.links.at(-1)?.args.slice(1) ?? []).map((a) => a.text).join(',');
  return /Serializable/.test(options);
}

/** The write persists the model's changed state: the whole model, or values read from it. */
function writesModelState(write: GormChain, link: GormChain['links'][number], model: string): boolean {
  if (link.name === 'Save' || (link.name === 'Updates' && link.args[0]?.text.replace(/^&/, '') === model)) return true;
  const values = link.name === 'Update' || link.name === 'UpdateColumn' ? link.args.slice(1) : link.args;
  return values.some((a) => a.text.includes(`${model}.`));
}

function lockFix(ctx: RuleContext, read: GormChain): FixSpec {
  const alias = aliasesOf(ctx.summary.imports, clauseImport)[0] ?? 'clause';
  const at = rangeOf(read.root);
  return {
    title: messages.lockRead,
    edits: [
      { range: { startLine: at.endLine, startColumn: at.endColumn, endLine: at.endLine, endColumn: at.endColumn }, newText: `.Clauses(${alias}.Locking{Strength: "UPDATE"})` },
      ...addImportEdit(ctx.tree.rootNode, clauseImport),
    ],
  };
}

export const gormLostUpdate: Rule = {
  meta: {
    id: 'gorm-lost-update',
    title: { en: 'GORM read-modify-write without lock or version', ko: '락이나 버전 없는 GORM 읽기-수정-쓰기' },
    description: {
      en: 'A model is read (First/Take/Find…), a field is recomputed from its old value, and the model is written back (Save/Updates/Update) with neither clause.Locking on the read nor a version/compare-and-set condition on the write.',
      ko: '모델을 읽고(First/Take/Find…) 필드를 이전 값으로 다시 계산해 되쓰는데(Save/Updates/Update) 읽기에 clause.Locking도, 쓰기에 버전/비교 조건도 없습니다.',
    },
    defaultSeverity: 'warning',
    category: 'database',
    checklistItem: 'db-transactions-locks',
    fixable: true,
    messages,
  },
  check(ctx) {
    if (!usesGorm(ctx)) return;
    const types = new GormTypes(ctx);
    const root = ctx.tree.rootNode;
    const clauseAliases = aliasesOf(ctx.summary.imports, clauseImport);
    const txs = transactionsIn(types, root);
    const chains = types.chainsIn(root);
    const reported = new Set<number>();
    for (const read of chains) {
      const r = executes(read);
      if (!r || !readMethods.has(r.name) || lockingClause(read, clauseAliases)) continue;
      const model = chainModel(read, r);
      const fn = executingFunction(read.call);
      if (!model || !fn) continue;
      for (const write of chains) {
        const w = executes(write);
        if (!w || !writeMethods.has(w.name) || write.call.startIndex <= read.call.endIndex || executingFunction(write.call)?.id !== fn.id) continue;
        if (chainModel(write, w)?.text !== model.text || reported.has(write.call.id) || !writesModelState(write, w, model.text)) continue;
        const change = derivedChange(fn, model.text, read.call.endIndex, write.call.startIndex);
        if (!change || guardedWrite(write) || versionedModel(ctx, model)) break;
        const tx = transactionAround(read.call, txs);
        if (serializable(tx)) break;
        reported.add(write.call.id);
        const inTx = handleOrigin(read.root, txs) === 'tx';
        ctx.report({
          node: write.call,
          messageId: 'lostUpdate',
          args: { model: model.text, read: `${read.root.text}.${r.name}`, change: change.text, write: `${write.root.text}.${w.name}` },
          related: [
            { range: rangeOf(r.call), message: messages.readHere },
            { range: rangeOf(change), message: messages.changedHere },
          ],
          fixes: inTx && read.root.type === 'identifier' ? [lockFix(ctx, read)] : [],
        });
        break;
      }
    }
  },
};
