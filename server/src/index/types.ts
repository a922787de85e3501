// The shapes of the workspace index. They are plain data so that worker
// threads can build them and post them back (structured clone).

/** What a field, variable or parameter type means for concurrency rules. */
export type TypeKind =
  | 'mutex'
  | 'rwmutex'
  | 'waitgroup'
  | 'once'
  | 'cond'
  | 'syncmap'
  | 'atomic'
  | 'map'
  | 'chan'
  | 'slice'
  | 'context'
  | 'other';

export interface FieldInfo {
  name: string;
  type: string;
  kind: TypeKind;
  /** True for `*sync.Mutex` and other pointer fields: copying the struct shares the lock. */
  pointer: boolean;
  line: number;
}

export interface StructInfo {
  name: string;
  fields: FieldInfo[];
  /** True when any field (directly) is a lock, WaitGroup, Once or Cond value. */
  holdsLock: boolean;
  line: number;
}

export interface ParamInfo {
  name: string;
  type: string;
  kind: TypeKind;
}

export interface FuncInfo {
  name: string;
  /** Receiver base type name for methods (`C` for `*C` and `C`). */
  receiverType?: string;
  receiverName?: string;
  pointerReceiver: boolean;
  params: ParamInfo[];
  takesContext: boolean;
  line: number;
  /** Writes to package variables or receiver fields, for rules that follow `go f()` into `f`. */
  writes: WriteFact[];
  /** Locks, channel operations, sync calls and calls in the body (see funcSummary.ts). */
  facts?: BodyFacts;
}

/** Where a variable named at the start of a path comes from, seen from inside one function. */
export type PathRoot = 'recv' | 'param' | 'local' | 'global' | 'unknown';

/**
 * An expression path such as `c.mu` or `s.store.mu`, with what the summariser
 * knew about its root. The index resolves `rootType` + `fields` through struct
 * declarations, so `c.store.mu` in `Cache` and `s.mu` in `Store` can meet.
 */
export interface TypedPath {
  /** As written: `c.mu`, `wg`, `pkg.Mu`. */
  text: string;
  root: PathRoot;
  /** Parameter index for root 'param'. */
  param?: number;
  /** The root's named type without `*` or type arguments: `Cache`, `store.Store` (import alias kept). */
  rootType?: string;
  /** What the root's declared type is (`waitgroup`, `chan`, …) when known. */
  rootKind?: TypeKind;
  /** Selectors after the root: `['store', 'mu']` for `c.store.mu`. */
  fields: string[];
  /** For `pkg.Var.f`: the import path of `pkg` (the root is then `Var`). */
  importPath?: string;
}

/**
 * Position of a fact as the chain of statement lists around it: pairs of
 * (statement_list start offset, statement index). A statement S dominates a
 * later fact F syntactically when S's chain minus its last pair is a prefix of
 * F's and F sits later in S's list.
 */
export type StmtPos = number[];

interface BodyFactBase extends Span {
  pos: StmtPos;
  /** Inside `defer …` (runs at function exit). */
  deferred: boolean;
  /** Inside a `go func(){…}()` literal of this function (runs concurrently, not in order). */
  async: boolean;
  /** Offset in the file, to order facts. */
  at: number;
}

export type LockMethod = 'Lock' | 'RLock' | 'Unlock' | 'RUnlock';

export interface LockOpFact extends BodyFactBase {
  lock: TypedPath;
  op: LockMethod;
  /** True when the call is a whole statement (`mu.Lock()`), false inside an expression. */
  statement: boolean;
}

export type ChanOpKind = 'send' | 'recv' | 'range' | 'close';

export interface ChanOpFact extends BodyFactBase {
  /** The channel; undefined for `<-f()` and other non-path operands. */
  chan?: TypedPath;
  op: ChanOpKind;
  /** A case of a `select` statement. */
  inSelect: boolean;
  /** Can wait forever: not a select with `default`, and not `close`. */
  blocking: boolean;
}

export type SyncMethod = 'Wait' | 'Done' | 'Add' | 'Go' | 'Signal' | 'Broadcast';

/** `wg.Wait()`, `wg.Done()`, `cond.Signal()`… on a receiver the summariser could name. */
export interface SyncCallFact extends BodyFactBase {
  target: TypedPath;
  method: SyncMethod;
}

export type CalleeRef =
  | { kind: 'func'; name: string }
  | { kind: 'method'; recv: TypedPath; name: string }
  | { kind: 'pkg'; importPath: string; name: string }
  | { kind: 'closure'; name: string };

export interface CallFact extends BodyFactBase {
  callee: CalleeRef;
  /** Argument paths (undefined where an argument is not a plain path), for mapping callee parameters. */
  args: (TypedPath | undefined)[];
  /** The call is a whole statement: it may be a lock helper whose effect lasts after it. */
  statement: boolean;
}

export interface BodyFacts {
  lockOps: LockOpFact[];
  chanOps: ChanOpFact[];
  syncCalls: SyncCallFact[];
  calls: CallFact[];
  /** Closures assigned to local variables (`f := func(){…}`), by variable name. */
  closures: Record<string, BodyFacts>;
  /** `c = sync.NewCond(&mu)`: which lock a cond's Wait releases. */
  condLocks?: { cond: TypedPath; lock: TypedPath }[];
}

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface WriteFact extends Span {
  path: string;
  root: string;
  isMapWrite: boolean;
  guarded: boolean;
}

/** A `go f(…)` / `go x.m(…)` statement naming its target. */
export interface GoCallFact extends Span {
  callee: string;
  inLoop: boolean;
}

export interface PackageVar {
  name: string;
  type?: string;
  kind: TypeKind;
  line: number;
}

export interface FileSummary {
  path: string;
  /** sha1 of the content: unchanged content is never summarised twice. */
  hash: string;
  packageName: string;
  /** import alias (or last path element) → import path. */
  imports: Record<string, string>;
  vars: PackageVar[];
  structs: StructInfo[];
  funcs: FuncInfo[];
  goCalls: GoCallFact[];
  /** true when the file failed to parse completely (analysis is partial). */
  hasErrors: boolean;
}

export interface GoModInfo {
  path: string;
  module?: string;
  /** The `go` directive, e.g. "1.22" or "1.21.3". */
  goVersion?: string;
  requires: string[];
  /** The requirements marked `// indirect`. */
  indirect?: string[];
}
