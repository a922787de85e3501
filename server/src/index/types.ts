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
}
