// Interim: what library type an expression has, from declarations in this
// file and the package index (parameters, locals and their initialisers,
// struct fields, package variables). To be replaced by the shared resolver
// in analysis/libraryTypes.ts.
import { localDeclarations } from '../analysis/locals';
import { findAll, type Node } from '../parse/syntax';
import type { RuleContext } from './types';

export interface LibraryType {
  importPath: string;
  /** The type name without `*`: `Client`, `DB`, `Pool`. */
  name: string;
  pointer: boolean;
}

function parseTypeText(text: string, imports: Record<string, string>): LibraryType | undefined {
  const m = /^(\*?)([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(text.replace(/\s+/g, ''));
  const path = m ? imports[m[2]!] : undefined;
  return m && path ? { importPath: path, name: m[3]!, pointer: m[1] === '*' } : undefined;
}

type Ctor = Record<string, string>;
/** Package-level constructors: import path → function → type name. */
const constructors: Record<string, Ctor> = {
  'github.com/redis/go-redis/v9': { NewClient: 'Client', NewClusterClient: 'ClusterClient', NewUniversalClient: 'UniversalClient', NewFailoverClient: 'Client', NewRing: 'Ring', NewFailoverClusterClient: 'ClusterClient' },
  'github.com/go-redis/redis/v8': { NewClient: 'Client', NewClusterClient: 'ClusterClient', NewUniversalClient: 'UniversalClient', NewFailoverClient: 'Client', NewRing: 'Ring' },
  'github.com/go-redis/redis/v7': { NewClient: 'Client', NewClusterClient: 'ClusterClient', NewUniversalClient: 'UniversalClient', NewFailoverClient: 'Client', NewRing: 'Ring' },
  'github.com/go-redis/redis': { NewClient: 'Client', NewClusterClient: 'ClusterClient', NewUniversalClient: 'UniversalClient', NewFailoverClient: 'Client', NewRing: 'Ring' },
  'database/sql': { Open: 'DB', OpenDB: 'DB' },
  'github.com/jackc/pgx/v5/pgxpool': { New: 'Pool', NewWithConfig: 'Pool' },
  'github.com/jackc/pgx/v4/pgxpool': { Connect: 'Pool', ConnectConfig: 'Pool' },
  'github.com/jackc/pgx/v5': { Connect: 'Conn', ConnectConfig: 'Conn' },
  'github.com/jackc/pgx/v4': { Connect: 'Conn', ConnectConfig: 'Conn' },
  'gorm.io/gorm': { Open: 'DB' },
  'github.com/jmoiron/sqlx': { Open: 'DB', Connect: 'DB', NewDb: 'DB', MustOpen: 'DB', MustConnect: 'DB' },
};

/** Methods whose result type follows from the receiver's: `db.Begin()` on *sql.DB is a *sql.Tx. */
const chained: Record<string, Record<string, LibraryType>> = {
  'database/sql.DB': {
    Begin: { importPath: 'database/sql', name: 'Tx', pointer: true },
    BeginTx: { importPath: 'database/sql', name: 'Tx', pointer: true },
    Conn: { importPath: 'database/sql', name: 'Conn', pointer: true },
  },
  'database/sql.Conn': { BeginTx: { importPath: 'database/sql', name: 'Tx', pointer: true } },
  'github.com/jackc/pgx/v5/pgxpool.Pool': {
    Acquire: { importPath: 'github.com/jackc/pgx/v5/pgxpool', name: 'Conn', pointer: true },
    Begin: { importPath: 'github.com/jackc/pgx/v5', name: 'Tx', pointer: false },
    BeginTx: { importPath: 'github.com/jackc/pgx/v5', name: 'Tx', pointer: false },
  },
  'github.com/jackc/pgx/v5.Conn': {
    Begin: { importPath: 'github.com/jackc/pgx/v5', name: 'Tx', pointer: false },
    BeginTx: { importPath: 'github.com/jackc/pgx/v5', name: 'Tx', pointer: false },
  },
  'github.com/jackc/pgx/v5/pgxpool.Conn': {
    Begin: { importPath: 'github.com/jackc/pgx/v5', name: 'Tx', pointer: false },
    BeginTx: { importPath: 'github.com/jackc/pgx/v5', name: 'Tx', pointer: false },
  },
};

function enclosingFunctions(n: Node): Node[] {
  const out: Node[] = [];
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') out.push(p);
  }
  return out;
}

function typeOfCall(ctx: RuleContext, call: Node, depth: number): LibraryType | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const field = fn.childForFieldName('field')?.text ?? '';
  if (!operand) return undefined;
  const path = operand.type === 'identifier' ? ctx.summary.imports[operand.text] : undefined;
  if (path && constructors[path]?.[field]) {
    const name = constructors[path]![field]!;
    return { importPath: path, name, pointer: name !== 'UniversalClient' };
  }
  const recv = typeOfExpr(ctx, operand, depth + 1);
  return recv ? chained[`${recv.importPath}.${recv.name}`]?.[field] : undefined;
}

function typeOfIdentifier(ctx: RuleContext, id: Node, depth: number): LibraryType | undefined {
  const imports = ctx.summary.imports;
  for (const fn of enclosingFunctions(id)) {
    let best;
    for (const d of localDeclarations(fn)) if (d.name === id.text && d.node.startIndex <= id.startIndex) best = d;
    if (!best) continue;
    if (best.typeNode) return parseTypeText(best.typeNode.text, imports);
    // `x, err := f()`: the first name takes the call's first result.
    const first = best.node.parent?.namedChild(0)?.id === best.node.id || best.node.parent?.type !== 'expression_list';
    if (best.init?.type === 'call_expression' && first) return typeOfCall(ctx, best.init, depth);
    if (best.init) return typeOfExpr(ctx, best.init, depth + 1);
    return undefined;
  }
  for (const f of ctx.pkg.files) {
    const v = f.vars.find((x) => x.name === id.text);
    if (v?.type) return parseTypeText(v.type, f.imports);
  }
  return undefined;
}

/** The struct type named by a receiver/parameter/local `x` (same package, `*T` or `T`). */
function localStructOf(ctx: RuleContext, id: Node): { fields: Map<string, string>; imports: Record<string, string> } | undefined {
  for (const fn of enclosingFunctions(id)) {
    const decl = localDeclarations(fn).filter((d) => d.name === id.text && d.node.startIndex <= id.startIndex).at(-1);
    if (!decl) continue;
    const typeName = decl.typeNode?.text.replace(/^\*/, '') ?? (decl.init?.type === 'unary_expression' || decl.init?.type === 'composite_literal' ? findAll(decl.init, 'type_identifier')[0]?.text : undefined);
    if (!typeName || !/^\w+$/.test(typeName)) return undefined;
    for (const f of ctx.pkg.files) {
      const s = f.structs.find((x) => x.name === typeName);
      if (s) return { fields: new Map(s.fields.map((x) => [x.name, x.type])), imports: f.imports };
    }
    return undefined;
  }
  return undefined;
}

function typeOfExpr(ctx: RuleContext, n: Node, depth = 0): LibraryType | undefined {
  if (depth > 6) return undefined;
  switch (n.type) {
    case 'identifier':
      return typeOfIdentifier(ctx, n, depth);
    case 'parenthesized_expression':
      return n.namedChild(0) ? typeOfExpr(ctx, n.namedChild(0)!, depth + 1) : undefined;
    case 'call_expression':
      return typeOfCall(ctx, n, depth);
    case 'selector_expression': {
      const operand = n.childForFieldName('operand');
      const field = n.childForFieldName('field')?.text ?? '';
      if (operand?.type !== 'identifier') return undefined;
      const s = localStructOf(ctx, operand);
      const t = s?.fields.get(field);
      return t ? parseTypeText(t, s!.imports) : undefined;
    }
    default:
      return undefined;
  }
}

export function libraryTypeOf(ctx: RuleContext, n: Node): LibraryType | undefined {
  return typeOfExpr(ctx, n);
}
