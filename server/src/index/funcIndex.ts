// Queries over the per-function facts: resolving calls (same package,
// methods on known receiver types, local closures, other workspace packages
// by import path), the locks held at a point (lock helpers included), and the
// locks a function acquires through its callees several calls deep.
//
// Locks are named two ways:
// - an instance key, relative to one function: `R.mu` (receiver field),
//   `P0.mu` (first parameter), `L:x.mu` (a local), `G:<dir>:mu` (package
//   variable). Translating a callee's key through a call site maps R/P to the
//   caller's receiver/argument paths, so "the same mutex" means the same object.
// - a class, `<dir>:Type.field` or `<dir>:var`: the same field of every value
//   of a type, as lockdep's lock classes. Lock-order rules compare classes.
import { dirname } from 'node:path';
import { atTopLevel, dominates } from '../analysis/stmtPos';
import { namedTypeOf } from './funcSummary';
import { classifyType, noCopyKinds } from './typeKind';
import type {
  BodyFacts,
  CallFact,
  FieldInfo,
  FileSummary,
  FuncInfo,
  LockOpFact,
  PackageVar,
  Span,
  StructInfo,
  TypedPath,
  TypeKind,
} from './types';

export interface FuncRef {
  /** `<dir>|Type.name`, `<dir>|name`, closures `<parent key>$name`. */
  key: string;
  dir: string;
  file: FileSummary;
  info: FuncInfo;
  facts: BodyFacts;
  /** Display name: `Cache.Get`, `flush`, `Run.func(worker)`. */
  name: string;
  /** The declared function a closure belongs to. */
  parent?: FuncRef;
}

export interface Site {
  file: string;
  span: Span;
  /** What happens there, for related information: `c.mu.Lock()`, `c.flush()`. */
  what: string;
}

export interface HeldLock {
  key: string;
  text: string;
  read: boolean;
  cls?: string;
  /** 'mutex' / 'rwmutex' when the lock is known to be a sync lock, else 'other'. */
  kind: TypeKind;
  /** Where it was taken, in this function (the Lock call or the lock helper's call). */
  site: Site;
  at: number;
}

export interface Acquisition {
  key: string;
  text: string;
  read: boolean;
  cls?: string;
  kind: TypeKind;
  /** Call sites from the function down to the Lock call, the Lock call last. */
  chain: Site[];
}

/** A named type: `dir` is the workspace package folder, or `ext:<import path>` for other modules. */
export interface TypeRef {
  dir: string;
  name: string;
}

interface HelperEffect {
  acquires: Acquisition[];
  releases: string[];
}

const maxAcquisitions = 64;

function spanOfFact(f: Span): Span {
  return { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
}

function funcKeyName(fn: FuncInfo): string {
  return fn.receiverType ? `${fn.receiverType}.${fn.name}` : fn.name;
}

function isAcquire(op: LockOpFact): boolean {
  return op.op === 'Lock' || op.op === 'RLock';
}

/** Built lazily from a snapshot of the index; the index drops it on every update. */
export class FunctionIndex {
  private readonly funcsByDir = new Map<string, Map<string, FuncRef>>();
  private readonly structsByDir = new Map<string, Map<string, { struct: StructInfo; file: FileSummary }>>();
  private readonly varsByDir = new Map<string, Map<string, { v: PackageVar; imports: Record<string, string> }>>();
  private readonly modules: { module: string; dir: string }[] = [];
  private readonly acquired = new Map<string, Acquisition[]>();
  private readonly effects = new Map<string, HelperEffect>();
  private readonly inProgress = new Set<string>();
  readonly all: FuncRef[] = [];

  constructor(files: Iterable<FileSummary>, goModOf: (dir: string) => { module?: string; path: string } | undefined) {
    const seenMods = new Set<string>();
    for (const file of files) {
      const dir = dirname(file.path);
      const external = file.packageName.endsWith('_test');
      let funcs = this.funcsByDir.get(dir);
      if (!funcs) this.funcsByDir.set(dir, (funcs = new Map()));
      for (const info of file.funcs) {
        if (!info.facts) continue;
        const name = funcKeyName(info);
        const ref: FuncRef = { key: `${dir}|${name}`, dir, file, info, facts: info.facts, name };
        this.all.push(ref);
        if (!external || !funcs.has(name)) funcs.set(name, ref);
      }
      let structs = this.structsByDir.get(dir);
      if (!structs) this.structsByDir.set(dir, (structs = new Map()));
      for (const s of file.structs) if (!external || !structs.has(s.name)) structs.set(s.name, { struct: s, file });
      let vars = this.varsByDir.get(dir);
      if (!vars) this.varsByDir.set(dir, (vars = new Map()));
      for (const v of file.vars) if (!external || !vars.has(v.name)) vars.set(v.name, { v, imports: file.imports });
      const mod = goModOf(dir);
      if (mod?.module && !seenMods.has(mod.path)) {
        seenMods.add(mod.path);
        this.modules.push({ module: mod.module, dir: dirname(mod.path) });
      }
    }
    this.modules.sort((a, b) => b.module.length - a.module.length);
  }

  /** The declared type of package variable `name` of the workspace package in `dir`. */
  packageVarType(dir: string, name: string): TypeRef | undefined {
    const v = this.varsByDir.get(dir)?.get(name);
    return v ? this.typeRef(v.v.type, dir, v.imports) : undefined;
  }

  /** The workspace folder holding the package `importPath`, if it is one of ours. */
  dirOfImport(importPath: string): string | undefined {
    for (const m of this.modules) {
      if (importPath === m.module) return m.dir;
      if (importPath.startsWith(`${m.module}/`)) {
        const dir = `${m.dir}/${importPath.slice(m.module.length + 1)}`;
        return this.funcsByDir.has(dir) ? dir : undefined;
      }
    }
    return undefined;
  }

  funcsIn(dir: string): Map<string, FuncRef> {
    return this.funcsByDir.get(dir) ?? new Map();
  }

  /** The declared functions of one file and their local closures. */
  funcsOfFile(path: string): FuncRef[] {
    this.byFile ??= groupBy(this.allWithClosures(), (f) => f.file.path);
    return this.byFile.get(path) ?? [];
  }

  private byFile?: Map<string, FuncRef[]>;
  private withClosures?: FuncRef[];

  // ---- types and paths -------------------------------------------------

  /** The named type a type expression (as written in a file of `dir` with `imports`) refers to. */
  typeRef(text: string | undefined, dir: string, imports: Record<string, string>): TypeRef | undefined {
    const named = namedTypeOf(text);
    if (!named) return undefined;
    const dot = named.indexOf('.');
    if (dot < 0) return { dir, name: named };
    const importPath = imports[named.slice(0, dot)];
    if (!importPath) return undefined;
    return { dir: this.dirOfImport(importPath) ?? `ext:${importPath}`, name: named.slice(dot + 1) };
  }

  private structOf(t: TypeRef): { struct: StructInfo; file: FileSummary } | undefined {
    return this.structsByDir.get(t.dir)?.get(t.name);
  }

  fieldOf(t: TypeRef, name: string): { field: FieldInfo; type?: TypeRef } | undefined {
    const s = this.structOf(t);
    const field = s?.struct.fields.find((f) => f.name === name);
    if (!s || !field) return undefined;
    return { field, type: this.typeRef(field.type, t.dir, s.file.imports) };
  }

  /**
   * What makes a value of type `typeText` (written in a file of `dir` with
   * `imports`) unsafe to copy: `mu (sync.Mutex)`, `inner.wg (sync.WaitGroup)`…
   * Undefined for pointers and for types that hold no lock by value.
   */
  lockInside(typeText: string, dir: string, imports: Record<string, string>, seen = new Set<string>()): string | undefined {
    const t = typeText.trim();
    if (t.startsWith('*') || t.startsWith('[]') || t.startsWith('map[') || t.startsWith('chan') || t.startsWith('func')) return undefined;
    const array = /^\[[^\]]+\](.+)$/.exec(t);
    if (array) return this.lockInside(array[1]!, dir, imports, seen);
    const kind = classifyType(t, imports);
    if (noCopyKinds.has(kind) && kind !== 'atomic') return t;
    const ref = this.typeRef(t, dir, imports);
    const key = ref && `${ref.dir}:${ref.name}`;
    if (!ref || !key || seen.has(key)) return undefined;
    seen.add(key);
    const memo = this.memos.get(`lockInside:${key}`) as string | null | undefined;
    if (memo !== undefined) return memo ?? undefined;
    const s = this.structOf(ref);
    let found: string | undefined;
    for (const f of s?.struct.fields ?? []) {
      if (f.pointer) continue;
      const inner = this.lockInside(f.type, ref.dir, s!.file.imports, seen);
      if (inner) {
        found = inner.includes(' (') ? `${f.name}.${inner}` : `${f.name} (${inner})`;
        break;
      }
    }
    this.memos.set(`lockInside:${key}`, found ?? null);
    return found;
  }

  /** The root variable's type and the package variable behind a global root. */
  private rootOf(fn: FuncRef, p: TypedPath): { type?: TypeRef; pkgVar?: PackageVar; varDir?: string; varName?: string } {
    if (p.root === 'global') {
      const parts = p.text.split('.');
      const varDir = p.importPath ? this.dirOfImport(p.importPath) ?? `ext:${p.importPath}` : fn.dir;
      const varName = p.importPath ? parts[1]! : parts[0]!;
      const found = this.varsByDir.get(varDir)?.get(varName);
      const pkgVar = found?.v;
      const type = p.rootType ? this.typeRef(p.rootType, fn.dir, fn.file.imports) : this.typeRef(pkgVar?.type, varDir, found?.imports ?? {});
      return { type, pkgVar, varDir, varName };
    }
    return { type: p.rootType ? this.typeRef(p.rootType, fn.dir, fn.file.imports) : undefined };
  }

  /** The kind of the value a path names (`chan`, `waitgroup`, `mutex`…), 'other' when unknown. */
  kindOf(fn: FuncRef, p: TypedPath): TypeKind {
    if (p.fields.length === 0) {
      if (p.rootKind) return p.rootKind;
      return this.rootOf(fn, p).pkgVar?.kind ?? 'other';
    }
    let t = this.rootOf(fn, p).type;
    for (let i = 0; i < p.fields.length; i++) {
      if (!t) return 'other';
      const f = this.fieldOf(t, p.fields[i]!);
      if (!f) return 'other';
      if (i === p.fields.length - 1) return f.field.kind;
      t = f.type;
    }
    return 'other';
  }

  /** The named type of the value a path names. */
  private typeOfPath(fn: FuncRef, p: TypedPath): TypeRef | undefined {
    let t = this.rootOf(fn, p).type;
    for (const field of p.fields) {
      if (!t) return undefined;
      t = this.fieldOf(t, field)?.type;
    }
    return t;
  }

  /**
   * The class of a lock or channel path: `<dir>:Type.field` for fields,
   * `<dir>:var` for package variables, `<dir>:Type.Mutex` for an embedded
   * lock called as `c.Lock()`. Undefined for locals and parameters that are
   * themselves the lock.
   */
  classOf(fn: FuncRef, p: TypedPath): { cls: string; name: string; kind: TypeKind } | undefined {
    const root = this.rootOf(fn, p);
    if (p.fields.length === 0) {
      if (p.root === 'global' && root.varName && (root.pkgVar || p.importPath)) {
        const kind = root.pkgVar?.kind ?? 'other';
        if (kind !== 'other' || !root.type) return { cls: `${root.varDir}:${root.varName}`, name: root.varName, kind };
      }
      return root.type ? this.embeddedClass(root.type) : undefined;
    }
    let t = root.type;
    for (let i = 0; i < p.fields.length; i++) {
      if (!t) return undefined;
      const name = p.fields[i]!;
      const f = this.fieldOf(t, name);
      if (!f) return undefined;
      if (i === p.fields.length - 1) {
        // `c.inner.Lock()` on a struct that embeds a mutex.
        if (f.type && f.field.kind === 'other' && this.structOf(f.type)) return this.embeddedClass(f.type);
        return { cls: `${t.dir}:${t.name}.${name}`, name: `${t.name}.${name}`, kind: f.field.kind };
      }
      t = f.type;
    }
    return undefined;
  }

  private embeddedClass(t: TypeRef): { cls: string; name: string; kind: TypeKind } | undefined {
    const s = this.structOf(t);
    const embedded = s?.struct.fields.find((f) => (f.kind === 'mutex' || f.kind === 'rwmutex') && f.type.replace(/^\*/, '').endsWith(`.${f.name}`));
    return embedded ? { cls: `${t.dir}:${t.name}.${embedded.name}`, name: `${t.name}.${embedded.name}`, kind: embedded.kind } : undefined;
  }

  /** Kind of a lock path: 'mutex', 'rwmutex', or 'other' when we cannot tell it is a sync lock. */
  lockKindOf(fn: FuncRef, p: TypedPath): TypeKind {
    const k = this.kindOf(fn, p);
    if (k === 'mutex' || k === 'rwmutex') return k;
    return this.classOf(fn, p)?.kind ?? 'other';
  }

  /** Class and kind of a lock path, as stored on held locks and acquisitions. */
  lockInfo(fn: FuncRef, p: TypedPath): { cls?: string; kind: TypeKind } {
    const c = this.classOf(fn, p);
    return { ...(c ? { cls: c.cls } : {}), kind: this.lockKindOf(fn, p) };
  }

  /** Identity of the object a path names, relative to `fn` (see the file comment). */
  instanceKey(fn: FuncRef, p: TypedPath): string {
    const rest = p.fields.map((f) => `.${f}`).join('');
    switch (p.root) {
      case 'recv':
        return `R${rest}`;
      case 'param':
        return `P${p.param}${rest}`;
      case 'global': {
        const r = this.rootOf(fn, p);
        return `G:${r.varDir}:${r.varName}${rest}`;
      }
      default:
        return `L:${p.text}`;
    }
  }

  // ---- calls -----------------------------------------------------------

  resolveCall(fn: FuncRef, call: CallFact): FuncRef | undefined {
    const c = call.callee;
    switch (c.kind) {
      case 'func':
        return this.funcsIn(fn.dir).get(c.name);
      case 'pkg': {
        const dir = this.dirOfImport(c.importPath);
        return dir ? this.funcsIn(dir).get(c.name) : undefined;
      }
      case 'closure': {
        const top = fn.parent ?? fn;
        const facts = findClosure(top.facts, c.name);
        return facts ? { ...top, key: `${top.key}$${c.name}`, facts, name: `${top.name}.func(${c.name})`, parent: top } : undefined;
      }
      case 'method': {
        const t = this.typeOfPath(fn, c.recv);
        if (!t) return undefined;
        const own = this.funcsIn(t.dir).get(`${t.name}.${c.name}`);
        if (own) return own;
        // One level of embedding: methods promoted from embedded struct fields.
        const s = this.structOf(t);
        for (const f of s?.struct.fields ?? []) {
          const ft = this.typeRef(f.type, t.dir, s!.file.imports);
          if (!ft || ft.name !== f.name) continue;
          const promoted = this.funcsIn(ft.dir).get(`${ft.name}.${c.name}`);
          if (promoted) return promoted;
        }
        return undefined;
      }
    }
  }

  /** Maps an instance key of `callee` to the caller's terms through `call`; undefined for the callee's locals. */
  translate(caller: FuncRef, call: CallFact, callee: FuncRef, key: string, text: string): { key: string; text: string } | undefined {
    // Globals are the same everywhere; a closure shares its parent's frame (receiver, parameters, locals).
    if (key.startsWith('G:') || callee.parent) return { key, text };
    const m = /^(R|P(\d+))((?:\.[^.]+)*)$/.exec(key);
    if (!m) return undefined;
    const base: TypedPath | undefined = m[1] === 'R' ? (call.callee.kind === 'method' ? call.callee.recv : undefined) : call.args[Number(m[2])];
    if (!base) return undefined;
    const rest = m[3] ?? '';
    const textRest = text.split('.').slice(1).join('.');
    const fields = rest ? rest.slice(1).split('.') : [];
    const path: TypedPath = { ...base, text: textRest ? `${base.text}.${textRest}` : base.text, fields: [...base.fields, ...fields] };
    return { key: this.instanceKey(caller, path), text: path.text };
  }

  private site(fn: FuncRef, f: Span, what: string): Site {
    return { file: fn.file.path, span: spanOfFact(f), what };
  }

  /**
   * Locks `fn` takes, directly or through resolvable callees up to `depth`
   * calls down, in `fn`'s terms. Locks a callee takes on its own locals are
   * left out; so are locks the function first releases (it expects them held).
   */
  locksAcquiredTransitively(fn: FuncRef, depth: number): Acquisition[] {
    const memo = `${fn.key}#${depth}`;
    const cached = this.acquired.get(memo);
    if (cached) return cached;
    if (this.inProgress.has(fn.key)) return [];
    this.inProgress.add(fn.key);
    const out: Acquisition[] = [];
    const seen = new Set<string>();
    const releasedFirst = this.releasedFirst(fn);
    const add = (a: Acquisition) => {
      const id = `${a.key}|${a.read}`;
      if (seen.has(id) || releasedFirst.has(a.key) || out.length >= maxAcquisitions) return;
      seen.add(id);
      out.push(a);
    };
    for (const op of fn.facts.lockOps) {
      if (!isAcquire(op) || op.async || op.deferred) continue;
      const key = this.instanceKey(fn, op.lock);
      if (key.startsWith('L:') && !fn.parent) continue;
      add({ key, text: op.lock.text, read: op.op === 'RLock', ...this.lockInfo(fn, op.lock), chain: [this.site(fn, op, `${op.lock.text}.${op.op}()`)] });
    }
    if (depth > 0) {
      for (const call of fn.facts.calls) {
        if (call.async || call.deferred) continue;
        for (const a of this.acquisitionsOfCall(fn, call, depth - 1)) add(a);
      }
    }
    this.inProgress.delete(fn.key);
    this.acquired.set(memo, out);
    return out;
  }

  /** What a call acquires, in the caller's terms, with the call site prepended to each chain. */
  acquisitionsOfCall(fn: FuncRef, call: CallFact, depth: number): Acquisition[] {
    const callee = this.resolveCall(fn, call);
    if (!callee || callee.key === fn.key) return [];
    const out: Acquisition[] = [];
    for (const a of this.locksAcquiredTransitively(callee, depth)) {
      const t = this.translate(fn, call, callee, a.key, a.text);
      if (!t) continue;
      out.push({ ...a, key: t.key, text: t.text, chain: [this.site(fn, call, `${callText(call)}()`), ...a.chain] });
    }
    return out;
  }

  /** Keys whose first operation in `fn` is an unlock: the caller is expected to hold them. */
  private releasedFirst(fn: FuncRef): Set<string> {
    const firstOp = new Map<string, boolean>();
    for (const op of [...fn.facts.lockOps].sort((a, b) => a.at - b.at)) {
      if (op.async) continue;
      const key = this.instanceKey(fn, op.lock);
      if (!firstOp.has(key)) firstOp.set(key, !isAcquire(op) && !op.deferred);
    }
    return new Set([...firstOp].filter(([, unlockFirst]) => unlockFirst).map(([k]) => k));
  }

  /**
   * A lock helper's lasting effect: locks it takes and never releases
   * (`func (c *C) lock() { c.mu.Lock() }`), and locks it releases without
   * taking. Only top-level statements count, and a lock released anywhere
   * later in the function is not "returned held".
   */
  helperEffect(fn: FuncRef, depth = 2): HelperEffect {
    const memo = `${fn.key}#${depth}`;
    const cached = this.effects.get(memo);
    if (cached) return cached;
    const none: HelperEffect = { acquires: [], releases: [] };
    if (this.inProgress.has(`effect:${fn.key}`)) return none;
    this.inProgress.add(`effect:${fn.key}`);
    const held = new Map<string, Acquisition>();
    const releases = new Set<string>();
    const ops = fn.facts.lockOps.filter((o) => !o.async);
    type Step = { at: number; op?: LockOpFact; call?: CallFact };
    const steps: Step[] = [
      ...ops.filter((o) => o.statement && !o.deferred && atTopLevel(o.pos)).map((op) => ({ at: op.at, op })),
      ...(depth > 0 ? fn.facts.calls.filter((c) => c.statement && !c.deferred && !c.async && atTopLevel(c.pos)).map((call) => ({ at: call.at, call })) : []),
    ].sort((a, b) => a.at - b.at);
    for (const s of steps) {
      if (s.op) {
        const key = this.instanceKey(fn, s.op.lock);
        if (isAcquire(s.op)) {
          const laterUnlock = ops.some((o) => !isAcquire(o) && o.at > s.op!.at && this.instanceKey(fn, o.lock) === key);
          if (!laterUnlock) held.set(key, { key, text: s.op.lock.text, read: s.op.op === 'RLock', ...this.lockInfo(fn, s.op.lock), chain: [this.site(fn, s.op, `${s.op.lock.text}.${s.op.op}()`)] });
        } else if (!s.op.deferred) {
          const earlierLock = ops.some((o) => isAcquire(o) && o.at < s.op!.at && this.instanceKey(fn, o.lock) === key);
          if (held.has(key)) held.delete(key);
          else if (!earlierLock) releases.add(key);
        }
        continue;
      }
      const call = s.call!;
      const callee = this.resolveCall(fn, call);
      if (!callee || callee.key === fn.key) continue;
      const eff = this.helperEffect(callee, depth - 1);
      for (const a of eff.acquires) {
        const t = this.translate(fn, call, callee, a.key, a.text);
        if (t) held.set(t.key, { ...a, key: t.key, text: t.text, chain: [this.site(fn, call, `${callText(call)}()`), ...a.chain] });
      }
      for (const r of eff.releases) {
        const t = this.translate(fn, call, callee, r, r);
        if (!t) continue;
        if (held.has(t.key)) held.delete(t.key);
        else releases.add(t.key);
      }
    }
    const result: HelperEffect = {
      acquires: [...held.values()].filter((a) => !a.key.startsWith('L:') || fn.parent),
      releases: [...releases].filter((k) => !k.startsWith('L:') || fn.parent),
    };
    this.inProgress.delete(`effect:${fn.key}`);
    this.effects.set(memo, result);
    return result;
  }

  /**
   * Locks held at a fact of `fn` (its position must come from `fn.facts`):
   * Lock statements and lock-helper calls that dominate it, minus those
   * released before it. Any Unlock of the same lock in between, even in a
   * branch, counts as a release: we would rather miss a bug than invent one.
   */
  heldAt(fn: FuncRef, target: { pos: number[]; at: number; async?: boolean }): HeldLock[] {
    if (!this.mayHoldLocks(fn)) return [];
    type Step = { at: number; op?: LockOpFact; call?: CallFact };
    const steps: Step[] = [];
    for (const op of fn.facts.lockOps) if (op.statement && !op.deferred && dominates(op.pos, target.pos)) steps.push({ at: op.at, op });
    for (const call of fn.facts.calls) if (call.statement && !call.deferred && !call.async && dominates(call.pos, target.pos)) steps.push({ at: call.at, call });
    steps.sort((a, b) => a.at - b.at);
    const held = new Map<string, HeldLock>();
    for (const s of steps) {
      if (s.op) {
        const key = this.instanceKey(fn, s.op.lock);
        if (isAcquire(s.op)) {
          held.set(key, { key, text: s.op.lock.text, read: s.op.op === 'RLock', ...this.lockInfo(fn, s.op.lock), site: this.site(fn, s.op, `${s.op.lock.text}.${s.op.op}()`), at: s.op.at });
        } else held.delete(key);
        continue;
      }
      const call = s.call!;
      const callee = this.resolveCall(fn, call);
      if (!callee || callee.key === fn.key) continue;
      const eff = this.helperEffect(callee);
      for (const a of eff.acquires) {
        const t = this.translate(fn, call, callee, a.key, a.text);
        if (t) held.set(t.key, { key: t.key, text: t.text, read: a.read, cls: a.cls, kind: a.kind, site: this.site(fn, call, `${callText(call)}()`), at: call.at });
      }
      for (const r of eff.releases) {
        const t = this.translate(fn, call, callee, r, r);
        if (t) held.delete(t.key);
      }
    }
    for (const [key, h] of held) {
      const releasedBetween = fn.facts.lockOps.some(
        (o) => !isAcquire(o) && !o.deferred && o.async === (target.async ?? false) && o.at > h.at && o.at < target.at && this.instanceKey(fn, o.lock) === key,
      );
      if (releasedBetween) held.delete(key);
    }
    return [...held.values()];
  }

  /**
   * Files whose findings may depend on the named functions of `path`'s
   * package: their callers up to `depth` calls up, and functions touching
   * the same lock or channel classes (lock order, channel-under-lock).
   * `old` holds the functions as they were before the edit.
   */
  filesAffectedBy(path: string, names: string[], old: FuncInfo[] = [], depth = 4): Set<string> {
    const out = new Set<string>();
    if (names.length === 0) return out;
    const dir = dirname(path);
    const wanted = new Set(names);
    const changed = this.all.filter((f) => f.dir === dir && wanted.has(f.name));
    const file = changed[0]?.file ?? this.all.find((f) => f.file.path === path)?.file;
    if (file) {
      for (const info of old) {
        if (info.facts && wanted.has(funcKeyName(info))) changed.push({ key: `${dir}|old:${funcKeyName(info)}`, dir, file, info, facts: info.facts, name: funcKeyName(info) });
      }
    }
    const classes = new Set<string>();
    for (const fn of changed) for (const c of this.classesTouched(fn)) classes.add(c);
    let frontier = new Set(names.map((n) => `${dir}|${n}`));
    const visited = new Set(frontier);
    for (let d = 0; d < depth && frontier.size > 0; d++) {
      const next = new Set<string>();
      const callersOf = this.callersOf(frontier);
      for (const key of frontier) {
        for (const caller of callersOf.get(key) ?? []) {
          out.add(caller.file.path);
          const k = (caller.parent ?? caller).key;
          if (!visited.has(k)) {
            visited.add(k);
            next.add(k);
          }
        }
      }
      frontier = next;
    }
    if (classes.size > 0) {
      for (const fn of this.allWithClosures()) {
        if (out.has(fn.file.path)) continue;
        for (const c of this.classesTouched(fn)) {
          if (classes.has(c)) {
            out.add(fn.file.path);
            break;
          }
        }
      }
    }
    out.delete(path);
    return out;
  }

  /**
   * The callers of the functions `keys` (declared functions' keys), without resolving every call of the
   * workspace: after an edit the index is new, and a keystroke must not pay for
   * the whole call graph. Only calls named like one of the keys can resolve to it; calls of local closures
   * resolve to the caller's own function, which never adds a file or a function to the search.
   */
  private callersOf(keys: Set<string>): Map<string, FuncRef[]> {
    const names = new Set([...keys].map((k) => k.slice(k.lastIndexOf('.') > k.indexOf('|') ? k.lastIndexOf('.') + 1 : k.indexOf('|') + 1)));
    const out = new Map<string, FuncRef[]>();
    for (const fn of this.allWithClosures()) {
      for (const call of fn.facts.calls) {
        if (call.callee.kind === 'closure' || !names.has(call.callee.name)) continue;
        const callee = this.resolveCall(fn, call);
        if (!callee) continue;
        const key = (callee.parent ?? callee).key;
        if (!keys.has(key)) continue;
        const list = out.get(key) ?? [];
        list.push(fn);
        out.set(key, list);
      }
    }
    return out;
  }

  private classesTouched(fn: FuncRef): string[] {
    const out: string[] = [];
    for (const op of fn.facts.lockOps) {
      const c = this.classOf(fn, op.lock)?.cls;
      if (c) out.push(c);
    }
    for (const op of fn.facts.chanOps) {
      const c = op.chan && this.classOf(fn, op.chan)?.cls;
      if (c) out.push(c);
    }
    return out;
  }

  /** False when `fn` neither locks nor calls a lock helper: nothing can be held anywhere in it. */
  private mayHoldLocks(fn: FuncRef): boolean {
    const memo = `mayHold:${fn.key}`;
    const cached = this.memos.get(memo) as boolean | undefined;
    if (cached !== undefined) return cached;
    const result =
      fn.facts.lockOps.length > 0 ||
      fn.facts.calls.some((c) => {
        if (!c.statement || c.deferred || c.async) return false;
        const callee = this.resolveCall(fn, c);
        return callee !== undefined && callee.key !== fn.key && this.helperEffect(callee).acquires.length > 0;
      });
    this.memos.set(memo, result);
    return result;
  }

  /** Every declared function and every local closure, for rules that scan the workspace. */
  allWithClosures(): FuncRef[] {
    if (this.withClosures) return this.withClosures;
    const out: FuncRef[] = [];
    for (const fn of this.all) {
      out.push(fn);
      const walk = (facts: BodyFacts) => {
        for (const [name, c] of Object.entries(facts.closures)) {
          out.push({ ...fn, key: `${fn.key}$${name}`, facts: c, name: `${fn.name}.func(${name})`, parent: fn });
          walk(c);
        }
      };
      walk(fn.facts);
    }
    this.withClosures = out;
    return out;
  }

  /** Memoised per index snapshot, for rules that derive workspace-wide facts (lock-order edges…). */
  memo<T>(name: string, compute: () => T): T {
    if (!this.memos.has(name)) this.memos.set(name, compute());
    return this.memos.get(name) as T;
  }

  private readonly memos = new Map<string, unknown>();
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

function findClosure(facts: BodyFacts, name: string): BodyFacts | undefined {
  if (facts.closures[name]) return facts.closures[name];
  for (const c of Object.values(facts.closures)) {
    const found = findClosure(c, name);
    if (found) return found;
  }
  return undefined;
}

/** `c.flush`, `store.Open`, `helper` as written at a call site. */
export function callText(call: CallFact): string {
  const c = call.callee;
  switch (c.kind) {
    case 'method':
      return `${c.recv.text}.${c.name}`;
    case 'pkg':
      return `${c.importPath.split('/').pop()}.${c.name}`;
    default:
      return c.name;
  }
}

/** A summary's meaning without positions: equal keys mean callers need no re-analysis. */
export function semanticKey(value: unknown): string {
  return JSON.stringify(value, (k, v) => (k === 'line' || k === 'column' || k === 'endLine' || k === 'endColumn' || k === 'at' || k === 'pos' ? undefined : v));
}

/** Names (`Type.m` / `f`) of functions added, removed or changed in meaning between two summaries of a file. */
export function changedFunctions(old: FileSummary | undefined, next: FileSummary | undefined): string[] {
  // A new file: every function is new (and the initial index build stays cheap).
  if (!old) return (next?.funcs ?? []).map(funcKeyName);
  const before = new Map((old?.funcs ?? []).map((f) => [funcKeyName(f), semanticKey(f)]));
  const after = new Map((next?.funcs ?? []).map((f) => [funcKeyName(f), semanticKey(f)]));
  const out: string[] = [];
  for (const [name, k] of after) if (before.get(name) !== k) out.push(name);
  for (const name of before.keys()) if (!after.has(name)) out.push(name);
  return out;
}
