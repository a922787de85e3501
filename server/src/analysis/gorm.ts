// GORM v2 (gorm.io/gorm) as the database rules see it: method chains on a
// `*gorm.DB` (`tx.Model(&p).Where(…).First(&p)`), which of their methods run
// SQL, and the transaction a chain runs in (`db.Transaction(func(tx *gorm.DB)
// error {…})` or `tx := db.Begin()` … `tx.Commit()`). A chain counts only when
// its root is known to be a `*gorm.DB`, so a user's own `Save` on another type
// stays silent.
import { blockStatements, findAll, namedChildren, type Node } from '../parse/syntax';
import type { RuleContext } from '../rules/types';
import { isFunctionNode } from './flow';
import { importsLibrary, isLibraryType, libraryPaths, typeResolverFor, type TypeResolver } from './libraryTypes';
import { declarationOf, localDeclarations } from './locals';

export const gormImport = 'gorm.io/gorm';
export const clauseImport = 'gorm.io/gorm/clause';

/** Methods of *gorm.DB that return a *gorm.DB without running SQL. */
const builderMethods = new Set([
  'Model', 'Clauses', 'Table', 'Distinct', 'Select', 'Omit', 'MapColumns', 'Where', 'Not', 'Or', 'Joins', 'InnerJoins', 'Group', 'Having',
  'Order', 'Limit', 'Offset', 'Scopes', 'Preload', 'Attrs', 'Assign', 'Unscoped', 'Raw', 'Session', 'WithContext', 'Debug', 'Set',
  'InstanceSet', 'Begin', 'Commit', 'Rollback', 'SavePoint', 'RollbackTo',
]);

/** Methods of *gorm.DB that send a statement to the database. */
export const executingMethods = new Set([
  'Create', 'CreateInBatches', 'Save', 'First', 'Take', 'Last', 'Find', 'FindInBatches', 'FirstOrInit', 'FirstOrCreate', 'Update', 'Updates',
  'UpdateColumn', 'UpdateColumns', 'Delete', 'Count', 'Scan', 'Pluck', 'Row', 'Rows', 'Exec', 'Transaction',
]);

/** Reads that fill a model from a row (the "read" of a read-modify-write). */
export const readMethods = new Set(['First', 'Take', 'Last', 'Find', 'FirstOrInit', 'FirstOrCreate', 'Scan']);

/** Writes of a model or of columns (the "write" of a read-modify-write). */
export const writeMethods = new Set(['Save', 'Update', 'Updates', 'UpdateColumn', 'UpdateColumns']);

export interface ChainLink {
  name: string;
  call: Node;
  args: Node[];
}

/** A chain `root.A(…).B(…)…` of *gorm.DB methods. */
export interface GormChain {
  /** The outermost call of the chain. */
  call: Node;
  /** The *gorm.DB expression the chain starts from (`tx`, `s.db`, `r.DB()`). */
  root: Node;
  links: ChainLink[];
}

export function aliasesOf(imports: Record<string, string>, path: string): string[] {
  return Object.entries(imports)
    .filter(([, p]) => p === path)
    .map(([a]) => a);
}

/** True when the file imports GORM or its module requires it (a file may use `s.db` without importing gorm). */
export function usesGorm(ctx: RuleContext): boolean {
  return importsLibrary(ctx.summary, 'gorm') || !!ctx.pkg.goMod?.requires.some((m) => libraryPaths.gorm.includes(m as never));
}

/** The functions around `node`, innermost first (literals capture their outer function's names). */
function enclosingFunctions(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) if (isFunctionNode(p)) out.push(p);
  return out;
}

/** GORM method chains of one file, on expressions the shared resolver types as `*gorm.DB`. */
export class GormTypes {
  private readonly types: TypeResolver;

  constructor(ctx: RuleContext) {
    this.types = typeResolverFor(ctx);
  }

  isGormDB(expr: Node | null | undefined): boolean {
    return isLibraryType(this.types.libraryTypeOf(expr), 'gorm', 'DB');
  }

  /** The GORM chain whose outermost call is `call`, or undefined when `call` is not a method of a *gorm.DB. */
  chainOf(call: Node): GormChain | undefined {
    const links: ChainLink[] = [];
    let node: Node | null = call;
    while (node?.type === 'call_expression') {
      const fn: Node | null = node.childForFieldName('function');
      if (fn?.type !== 'selector_expression') break;
      const name = fn.childForFieldName('field')?.text ?? '';
      if (!builderMethods.has(name) && !executingMethods.has(name)) break;
      links.unshift({ name, call: node, args: namedChildren(node.childForFieldName('arguments')!) });
      node = fn.childForFieldName('operand');
    }
    if (!node || links.length === 0 || !this.isGormDB(node)) return undefined;
    return { call, root: node, links };
  }

  /** Every outermost GORM chain in `scope` (a chain nested as an argument of another counts on its own). */
  chainsIn(scope: Node): GormChain[] {
    const out: GormChain[] = [];
    for (const call of findAll(scope, 'call_expression')) {
      if (isInnerLink(call)) continue;
      const chain = this.chainOf(call);
      if (chain) out.push(chain);
    }
    return out;
  }
}

/** True when `call` is the operand of a further method call (`x.A()` in `x.A().B()`). */
function isInnerLink(call: Node): boolean {
  const sel = call.parent;
  return sel?.type === 'selector_expression' && sel.childForFieldName('operand')?.id === call.id && sel.parent?.type === 'call_expression';
}

export function executes(chain: GormChain): ChainLink | undefined {
  return chain.links.find((l) => executingMethods.has(l.name));
}

/** The chain's `Clauses(clause.Locking{…})` argument, if any. */
export function lockingClause(chain: GormChain, clauseAliases: string[]): Node | undefined {
  for (const l of chain.links) {
    if (l.name !== 'Clauses') continue;
    const lit = l.args.find((a) => isLockingLiteral(a, clauseAliases));
    if (lit) return lit;
  }
  return undefined;
}

function isLockingLiteral(n: Node, clauseAliases: string[]): boolean {
  const lit = n.type === 'unary_expression' ? n.childForFieldName('operand') : n;
  if (lit?.type !== 'composite_literal') return false;
  const type = lit.childForFieldName('type')?.text ?? '';
  return clauseAliases.some((a) => type === `${a}.Locking`);
}

/** Where a *gorm.DB handle comes from, as far as the code at hand tells. */
export type HandleOrigin = 'tx' | 'param' | 'pool' | 'unknown';

/**
 * `tx`: a transaction's callback parameter or a `Begin()` result; `param`: a parameter (the caller may pass a
 * transaction); `pool`: a struct field, package variable or `gorm.Open` result — not a transaction.
 */
export function handleOrigin(expr: Node, txs: TxScope[], depth = 0): HandleOrigin {
  if (depth > 6) return 'unknown';
  if (expr.type === 'call_expression') {
    const fn = expr.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    if (name === 'Begin') return 'tx';
    if (name === 'Open') return 'pool';
    const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : undefined;
    return name && operand && (builderMethods.has(name) || executingMethods.has(name)) ? handleOrigin(operand, txs, depth + 1) : 'unknown';
  }
  if (expr.type === 'selector_expression') return fieldStartsTransactions(expr, txs) && !fieldMayHoldTx(expr, txs) ? 'pool' : 'unknown';
  if (expr.type !== 'identifier') return 'unknown';
  for (const fn of enclosingFunctions(expr)) {
    const decl = declarationOf(localDeclarations(fn), expr.text, expr);
    if (!decl) continue;
    if (decl.node.parent?.type === 'parameter_declaration') {
      return txs.some((t) => t.kind === 'callback' && t.txName === expr.text && isWithinRange(expr, t)) ? 'tx' : 'param';
    }
    // `conn := r.db; if tx != nil { conn = tx }`: reassigned, so it may be either.
    if (reassigned(fn, expr.text)) return 'unknown';
    return decl.init ? handleOrigin(decl.init, txs, depth + 1) : 'unknown';
  }
  return 'pool';
}

/**
 * A struct field is known to hold the pool only when the file also starts transactions from it
 * (`r.db.Transaction(…)`, `r.db.Begin()` on the same type's field): repositories are as often built
 * over a transaction (`NewRepo(tx)`) as over the pool, and other files are not visible here.
 */
function fieldStartsTransactions(sel: Node, txs: TxScope[]): boolean {
  const field = sel.childForFieldName('field')?.text;
  const owner = ownerTypeOf(sel);
  return txs.some((t) => {
    const root = t.outerChain.root;
    return root.type === 'selector_expression' && root.childForFieldName('field')?.text === field && ownerTypeOf(root) === owner;
  });
}

/** The declared type name (no `*`, package or type arguments) of `x` in `x.f`. */
function ownerTypeOf(sel: Node): string | undefined {
  const operand = sel.childForFieldName('operand');
  if (operand?.type !== 'identifier') return undefined;
  for (const fn of enclosingFunctions(operand)) {
    const decl = declarationOf(localDeclarations(fn), operand.text, operand);
    if (decl) return decl.typeNode?.text.replace(/^\*/, '').replace(/^\w+\./, '').replace(/\[.*$/, '');
  }
  return undefined;
}

const txLike = /^tx$|^tx[A-Z_]|Tx$|TX$|[a-z]Tx[A-Z]/;

function reassigned(fn: Node, name: string): boolean {
  return findAll(fn, 'assignment_statement').some((a) => namedChildren(a.childForFieldName('left')!).some((l) => l.type === 'identifier' && l.text === name));
}

/**
 * A struct field that a transaction may be stored in: the struct or field is named like one (`externalTx`,
 * `s.tx`), or the file builds the struct from a transaction handle or a parameter (`repo{tx}`, `&Store{db: db}`).
 */
function fieldMayHoldTx(sel: Node, txs: TxScope[]): boolean {
  const operand = sel.childForFieldName('operand');
  const field = sel.childForFieldName('field')?.text ?? '';
  if (txLike.test(field)) return true;
  if (operand?.type !== 'identifier') return false;
  const owner = ownerTypeOf(sel);
  if (!owner) return false;
  if (txLike.test(owner)) return true;
  const root = sel.tree.rootNode;
  return findAll(root, 'composite_literal').some((lit) => {
    if (lit.childForFieldName('type')?.text.replace(/^\w+\./, '') !== owner) return false;
    const body = lit.childForFieldName('body');
    // `NewRepo(db *gorm.DB) *Repo { return &Repo{db: db} }`: the caller may hand in a transaction.
    const fn = enclosingFunctions(lit)[0];
    const params = new Set(fn ? localDeclarations(fn).filter((d) => d.node.parent?.type === 'parameter_declaration').map((d) => d.name) : []);
    return !!body && findAll(body, 'identifier').some((id) => txLike.test(id.text) || params.has(id.text) || txs.some((t) => t.kind === 'callback' && t.txName === id.text && isWithinRange(id, t)));
  });
}

function isWithinRange(n: Node, tx: TxScope): boolean {
  return n.startIndex >= tx.start && n.endIndex <= tx.end;
}

/** The text of the root expression's path (`tx`, `s.db`), for comparing handles. */
export function rootName(chain: GormChain): string {
  return chain.root.text;
}

/** A transaction the code is in: the callback of `x.Transaction(func(tx *gorm.DB) error {…})` or a `Begin()`…`Commit()` region. */
export interface TxScope {
  kind: 'callback' | 'begin';
  /** The *gorm.DB bound to the transaction. */
  txName: string;
  /** The node whose range is the transaction: the literal's body, or the function body for Begin. */
  body: Node;
  /** For Begin: the transaction runs from `start` to `end` (offsets). */
  start: number;
  end: number;
  /** The handle the transaction was started from (`db` in `db.Transaction(…)`), as its root text. */
  outer: string;
  /** The call starting the transaction. */
  starter: Node;
  /** The chain that started it. */
  outerChain: GormChain;
}

/** Transactions started in `fn` (not in nested function literals other than the transaction callbacks themselves). */
export function transactionsIn(types: GormTypes, scope: Node): TxScope[] {
  const out: TxScope[] = [];
  for (const chain of types.chainsIn(scope)) {
    const last = chain.links[chain.links.length - 1]!;
    if (last.name === 'Transaction') {
      const lit = last.args[0];
      if (lit?.type !== 'func_literal') continue;
      const param = namedChildren(lit.childForFieldName('parameters')!).find((c) => c.type === 'parameter_declaration');
      const txName = param?.childForFieldName('name')?.text;
      const body = lit.childForFieldName('body');
      if (!txName || !body) continue;
      out.push({ kind: 'callback', txName, body, start: body.startIndex, end: body.endIndex, outer: rootName(chain), starter: last.call, outerChain: chain });
    }
  }
  for (const begin of beginRegions(types, scope)) out.push(begin);
  return out;
}

/** `tx := x.Begin()` (or `tx = …`) up to the last `tx.Commit()` after it in the same function. */
function beginRegions(types: GormTypes, scope: Node): TxScope[] {
  const out: TxScope[] = [];
  for (const decl of findAll(scope, ['short_var_declaration', 'assignment_statement'])) {
    const left = namedChildren(decl.childForFieldName('left')!);
    const right = namedChildren(decl.childForFieldName('right')!);
    if (left.length !== 1 || right.length !== 1 || left[0]!.type !== 'identifier' || right[0]!.type !== 'call_expression') continue;
    const chain = types.chainOf(right[0]!);
    if (!chain || chain.links[chain.links.length - 1]!.name !== 'Begin') continue;
    const txName = left[0]!.text;
    const fn = enclosingFunctions(decl)[0];
    const body = fn?.childForFieldName('body');
    if (!body) continue;
    const commits = findAll(body, 'call_expression').filter((c) => {
      if (c.startIndex < decl.endIndex || inDefer(c, body)) return false;
      const f = c.childForFieldName('function');
      return f?.type === 'selector_expression' && f.childForFieldName('field')?.text === 'Commit' && f.childForFieldName('operand')?.text === txName;
    });
    const end = commits[commits.length - 1];
    if (!end) continue;
    out.push({ kind: 'begin', txName, body, start: decl.endIndex, end: end.startIndex, outer: rootName(chain), starter: right[0]!, outerChain: chain });
  }
  return out;
}

function inDefer(n: Node, limit: Node): boolean {
  for (let p = n.parent; p && p.id !== limit.id; p = p.parent) if (p.type === 'defer_statement') return true;
  return false;
}

/** The innermost transaction `node` runs in, among `txs`. */
export function transactionAround(node: Node, txs: TxScope[]): TxScope | undefined {
  let best: TxScope | undefined;
  for (const tx of txs) {
    if (node.startIndex < tx.start || node.endIndex > tx.end) continue;
    if (!best || tx.start >= best.start) best = tx;
  }
  return best;
}

/** Functions and methods of the file, and every function literal, to scan one by one. */
export function functionBodies(root: Node): Node[] {
  return findAll(root, ['function_declaration', 'method_declaration']).filter((f) => !!f.childForFieldName('body'));
}

export { blockStatements };

/** `&v` or `v` as a chain argument: the model variable's identifier. */
export function modelVariable(arg: Node | undefined): Node | undefined {
  if (!arg) return undefined;
  if (arg.type === 'identifier') return arg;
  if (arg.type === 'unary_expression' && arg.child(0)?.text === '&') {
    const operand = arg.childForFieldName('operand');
    return operand?.type === 'identifier' ? operand : undefined;
  }
  return undefined;
}

/** The variable a chain reads into or writes from: `First(&v)`, `Save(&v)`, `Model(&v).Update(…)`, `Updates(&v)`. */
export function chainModel(chain: GormChain, link: ChainLink): Node | undefined {
  const own = modelVariable(link.args[0]);
  if (own && (link.name !== 'Update' && link.name !== 'UpdateColumn')) return own;
  const model = chain.links.find((l) => l.name === 'Model');
  return model ? modelVariable(model.args[0]) : own;
}

/** A string-literal condition's text, unquoted (`"version = ?"` → `version = ?`). */
export function literalText(n: Node | undefined): string | undefined {
  if (!n || (n.type !== 'interpreted_string_literal' && n.type !== 'raw_string_literal')) return undefined;
  return n.text.slice(1, -1);
}

/** Column names that carry an optimistic version. */
export const versionColumn = /\b(version|lock_version|revision|row_version)\b/i;
