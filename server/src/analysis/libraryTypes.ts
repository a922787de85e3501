// What library type an expression has — `*gorm.DB`, `*sql.Tx`, `*redis.Client`,
// `*pgxpool.Pool` — without the Go type checker. Database and distributed-lock
// rules must tell GORM's `Save` from a user's own `Save`, so they go by the
// import path behind a declared type, never by method name alone.
//
// Resolution follows what is written: local declarations and parameters of the
// enclosing functions and closures (their declared type, else their
// initialiser), package variables, struct fields through the workspace index,
// known constructors (`gorm.Open`, `sql.Open`, `redis.NewClient`, `pgxpool.New`)
// and the libraries' methods whose result type is fixed (GORM's chain methods
// return `*gorm.DB`; `(*sql.DB).BeginTx` returns `*sql.Tx`). Anything else is
// unknown, and rules stay silent about unknowns.
import type { Tree } from 'web-tree-sitter';
import type { FunctionIndex, TypeRef } from '../index/funcIndex';
import type { FileSummary } from '../index/types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Node } from '../parse/syntax';
import { declarationOf, localDeclarations, type LocalDecl } from './locals';
import { dirname } from 'node:path';

/** The libraries the database rules know, each under the import paths of its major versions. */
export const libraryPaths = {
  gorm: ['gorm.io/gorm', 'github.com/jinzhu/gorm'],
  gormClause: ['gorm.io/gorm/clause'],
  optimisticlock: ['gorm.io/plugin/optimisticlock'],
  sql: ['database/sql'],
  redis: ['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8', 'github.com/go-redis/redis/v7', 'github.com/go-redis/redis'],
  pgx: ['github.com/jackc/pgx/v5', 'github.com/jackc/pgx/v4'],
  pgxpool: ['github.com/jackc/pgx/v5/pgxpool', 'github.com/jackc/pgx/v4/pgxpool'],
  redigo: ['github.com/gomodule/redigo/redis', 'github.com/garyburd/redigo/redis'],
} as const;

export type Library = keyof typeof libraryPaths;

/** A type declared outside the workspace, by import path (`github.com/redis/go-redis/v9`) and name (`Client`). */
export interface ExternalType {
  importPath: string;
  name: string;
}

export interface LibraryType {
  library: Library;
  /** The type's name in its package: `DB`, `Tx`, `Client`. */
  name: string;
}

const libraryOfPath = new Map<string, Library>(
  (Object.entries(libraryPaths) as [Library, readonly string[]][]).flatMap(([lib, paths]) => paths.map((p) => [p, lib] as const)),
);

/** The library an import path belongs to, if the rules know it. */
export function libraryOf(importPath: string): Library | undefined {
  return libraryOfPath.get(importPath);
}

// `pkg.Func` → the type it returns first.
const constructors: Record<string, Record<string, string>> = {
  gorm: { Open: 'DB' },
  sql: { Open: 'DB', OpenDB: 'DB' },
  redis: { NewClient: 'Client', NewFailoverClient: 'Client', NewClusterClient: 'ClusterClient', NewUniversalClient: 'UniversalClient', NewRing: 'Ring' },
  redigo: { Dial: 'Conn', DialURL: 'Conn', DialContext: 'Conn', DialURLContext: 'Conn' },
  pgx: { Connect: 'Conn', ConnectConfig: 'Conn' },
  pgxpool: { New: 'Pool', NewWithConfig: 'Pool', Connect: 'Pool', ConnectConfig: 'Pool' },
};

// `(T).Method` → the library type it returns first. GORM's *DB is handled apart:
// every method returns *DB except the few listed in gormNonChain.
const methodResults: Record<string, Record<string, LibraryType>> = {
  'sql.DB': { Begin: { library: 'sql', name: 'Tx' }, BeginTx: { library: 'sql', name: 'Tx' }, Conn: { library: 'sql', name: 'Conn' } },
  'sql.Conn': { BeginTx: { library: 'sql', name: 'Tx' } },
  'pgxpool.Pool': { Begin: { library: 'pgx', name: 'Tx' }, BeginTx: { library: 'pgx', name: 'Tx' }, Acquire: { library: 'pgxpool', name: 'Conn' } },
  'pgxpool.Conn': { Begin: { library: 'pgx', name: 'Tx' }, BeginTx: { library: 'pgx', name: 'Tx' }, Conn: { library: 'pgx', name: 'Conn' } },
  'pgx.Conn': { Begin: { library: 'pgx', name: 'Tx' }, BeginTx: { library: 'pgx', name: 'Tx' } },
  'pgx.Tx': { Begin: { library: 'pgx', name: 'Tx' }, Conn: { library: 'pgx', name: 'Conn' } },
  'redis.Client': { Conn: { library: 'redis', name: 'Conn' } },
  'redigo.Pool': { Get: { library: 'redigo', name: 'Conn' }, GetContext: { library: 'redigo', name: 'Conn' } },
};

const gormNonChain = new Set([
  'Transaction', 'DB', 'Row', 'Rows', 'ScanRows', 'Association', 'Migrator', 'AutoMigrate', 'AddError', 'Get',
  'InstanceGet', 'ToSQL', 'Use', 'Callback', 'SetupJoinTable', 'Connection', 'Close', 'Dialect', 'CommonDB',
]);

const functionTypes = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Resolves expression types in one file. Build it with `typeResolverFor` to share its caches between rules. */
export class TypeResolver {
  private readonly dir: string;
  private readonly imports: Record<string, string>;
  private readonly decls = new Map<number, LocalDecl[]>();
  private readonly memo = new Map<number, TypeRef | undefined>();
  private readonly resolving = new Set<number>();

  constructor(
    private readonly summary: FileSummary,
    private readonly functions: FunctionIndex,
  ) {
    this.dir = dirname(summary.path);
    this.imports = summary.imports;
  }

  /** The library type of `expr`, or undefined when it is not a known library's type or cannot be told. */
  libraryTypeOf(expr: Node | null | undefined): LibraryType | undefined {
    return toLibraryType(this.typeOf(expr));
  }

  /** The type of `expr` when it is declared outside the workspace, whether or not `libraryPaths` knows its package. */
  externalTypeOf(expr: Node | null | undefined): ExternalType | undefined {
    const t = this.typeOf(expr);
    return t?.dir.startsWith('ext:') ? { importPath: t.dir.slice(4), name: t.name } : undefined;
  }

  /** The named type of `expr` (workspace or external), or undefined when it cannot be told. */
  typeOf(expr: Node | null | undefined): TypeRef | undefined {
    if (!expr) return undefined;
    if (this.memo.has(expr.id)) return this.memo.get(expr.id);
    if (this.resolving.has(expr.id)) return undefined; // `x := f(x)` through a cycle
    this.resolving.add(expr.id);
    const t = this.compute(expr);
    this.resolving.delete(expr.id);
    this.memo.set(expr.id, t);
    return t;
  }

  /** The named type that a type expression as written in this file refers to. */
  typeOfTypeText(text: string | undefined): TypeRef | undefined {
    return this.functions.typeRef(text, this.dir, this.imports);
  }

  private compute(expr: Node): TypeRef | undefined {
    switch (expr.type) {
      case 'parenthesized_expression':
        return this.typeOf(expr.namedChild(0));
      case 'unary_expression': {
        const op = expr.child(0)?.text;
        return op === '&' || op === '*' ? this.typeOf(expr.childForFieldName('operand')) : undefined;
      }
      case 'identifier':
        return this.identifierType(expr);
      case 'selector_expression':
        return this.selectorType(expr);
      case 'call_expression':
        return this.callType(expr);
      case 'composite_literal':
        return this.typeOfTypeText(expr.childForFieldName('type')?.text);
      case 'type_assertion_expression':
        return this.typeOfTypeText(expr.childForFieldName('type')?.text);
      default:
        return undefined;
    }
  }

  private identifierType(id: Node): TypeRef | undefined {
    for (let fn = enclosingFunctionOf(id); fn; fn = enclosingFunctionOf(fn)) {
      const d = declarationOf(this.declsOf(fn), id.text, id);
      if (!d) continue;
      if (d.typeNode) return d.variadic ? undefined : this.typeOfTypeText(d.typeNode.text);
      return d.init && d.init.id !== id.id ? this.typeOf(d.init) : undefined;
    }
    if (this.imports[id.text] !== undefined) return undefined; // a package name, not a value
    return this.functions.packageVarType(this.dir, id.text);
  }

  private selectorType(sel: Node): TypeRef | undefined {
    const operand = sel.childForFieldName('operand');
    const field = sel.childForFieldName('field')?.text;
    if (!operand || !field) return undefined;
    if (operand.type === 'identifier' && this.imports[operand.text] !== undefined && !this.isLocal(operand)) {
      const dir = this.functions.dirOfImport(this.imports[operand.text]!);
      return dir ? this.functions.packageVarType(dir, field) : undefined;
    }
    const t = this.typeOf(operand);
    if (!t || t.dir.startsWith('ext:')) return undefined;
    return this.functions.fieldOf(t, field)?.type;
  }

  private callType(call: Node): TypeRef | undefined {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return undefined;
    const operand = fn.childForFieldName('operand');
    const name = fn.childForFieldName('field')?.text;
    if (!operand || !name) return undefined;
    if (operand.type === 'identifier' && this.imports[operand.text] !== undefined && !this.isLocal(operand)) {
      const path = this.imports[operand.text]!;
      const lib = libraryOf(path);
      const result = lib ? constructors[lib]?.[name] : undefined;
      return result ? { dir: `ext:${path}`, name: result } : undefined;
    }
    const recv = this.typeOf(operand);
    const lt = toLibraryType(recv);
    if (!recv || !lt) return undefined;
    if (lt.library === 'gorm' && lt.name === 'DB') return gormNonChain.has(name) ? undefined : recv;
    const result = methodResults[`${lt.library}.${lt.name}`]?.[name];
    if (!result) return undefined;
    // Results live in the receiver's major version of the library family.
    const path = libraryPaths[result.library].find((p) => sameMajor(p, recv.dir.slice(4))) ?? libraryPaths[result.library][0];
    return { dir: `ext:${path}`, name: result.name };
  }

  private isLocal(id: Node): boolean {
    for (let fn = enclosingFunctionOf(id); fn; fn = enclosingFunctionOf(fn)) {
      if (declarationOf(this.declsOf(fn), id.text, id)) return true;
    }
    return false;
  }

  private declsOf(fn: Node): LocalDecl[] {
    let d = this.decls.get(fn.id);
    if (!d) this.decls.set(fn.id, (d = localDeclarations(fn)));
    return d;
  }
}

function toLibraryType(t: TypeRef | undefined): LibraryType | undefined {
  if (!t?.dir.startsWith('ext:')) return undefined;
  const library = libraryOf(t.dir.slice(4));
  return library ? { library, name: t.name } : undefined;
}

// `github.com/jackc/pgx/v5/pgxpool` and `github.com/jackc/pgx/v5` share `/v5`.
function sameMajor(candidate: string, from: string): boolean {
  const major = (p: string) => /\/(v\d+)(\/|$)/.exec(p)?.[1] ?? 'v1';
  return major(candidate) === major(from);
}

function enclosingFunctionOf(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (functionTypes.has(p.type)) return p;
  return undefined;
}

const resolvers = new WeakMap<Tree, { functions: FunctionIndex; resolver: TypeResolver }>();

/** One resolver per parsed file and index state, shared by every rule that checks the file. */
export function typeResolverFor(ctx: { tree: Tree; summary: FileSummary; index: WorkspaceIndex }): TypeResolver {
  const functions = ctx.index.functions();
  const cached = resolvers.get(ctx.tree);
  if (cached && cached.functions === functions) return cached.resolver;
  const resolver = new TypeResolver(ctx.summary, functions);
  resolvers.set(ctx.tree, { functions, resolver });
  return resolver;
}
