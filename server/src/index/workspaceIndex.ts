// The workspace index: file summaries grouped into packages (directory +
// package name). Updating one file replaces only its summary; callers learn
// which packages changed so they re-analyse only the dependants.
import { dirname } from 'node:path';
import { changedFunctions, FunctionIndex, semanticKey } from './funcIndex';
import { GoModLocator } from './goMod';
import type { FileSummary, FuncInfo, GoModInfo, PackageVar, StructInfo } from './types';

export interface PackageView {
  dir: string;
  name: string;
  files: FileSummary[];
  goMod?: GoModInfo;
}

/** What one `update` changed, for deciding which other files need re-analysis. */
export interface IndexChange {
  path: string;
  /** Package name, imports, package variables, structs or function signatures changed. */
  shapeChanged: boolean;
  /** Functions (`f`, `Type.m`) added, removed or whose facts changed in meaning. */
  changedFuncs: string[];
  /** The summary before the update. */
  old?: FileSummary;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileSummary>();
  /** directory → paths of the files in it, so package lookups do not scan the workspace. */
  private readonly byDir = new Map<string, Set<string>>();
  readonly goMods = new GoModLocator();
  private functionIndex?: FunctionIndex;
  /** The last `update`'s change, read by the session right after updating. */
  lastChange?: IndexChange;

  get size(): number {
    return this.files.size;
  }

  allFiles(): FileSummary[] {
    return [...this.files.values()];
  }

  file(path: string): FileSummary | undefined {
    return this.files.get(path);
  }

  /** Stores a summary; returns true when the package's shape changed (dependants need re-analysis). */
  update(summary: FileSummary): boolean {
    const old = this.files.get(summary.path);
    this.files.set(summary.path, summary);
    const dir = dirname(summary.path);
    let paths = this.byDir.get(dir);
    if (!paths) this.byDir.set(dir, (paths = new Set()));
    paths.add(summary.path);
    // A keystroke in a comment, a string or after the last fact of a line leaves the summary as it was: the
    // function index and everything it memoised (lock-order edges…) stay valid, so the edit costs one file.
    if (old && sameFacts(old, summary)) {
      this.lastChange = { path: summary.path, shapeChanged: false, changedFuncs: [], old };
      return false;
    }
    this.functionIndex = undefined;
    const shapeChanged = !old || shapeKey(old) !== shapeKey(summary);
    this.lastChange = { path: summary.path, shapeChanged, changedFuncs: changedFunctions(old, summary), old };
    return shapeChanged;
  }

  remove(path: string): boolean {
    this.byDir.get(dirname(path))?.delete(path);
    this.functionIndex = undefined;
    return this.files.delete(path);
  }

  /** Function-level queries (calls, locks held, locks acquired through callees), rebuilt after each update. */
  functions(): FunctionIndex {
    this.functionIndex ??= new FunctionIndex(this.files.values(), (dir) => this.goMods.find(dir));
    return this.functionIndex;
  }

  packageOf(path: string): PackageView {
    const dir = dirname(path);
    const self = this.files.get(path);
    const name = self?.packageName ?? '';
    const files: FileSummary[] = [];
    for (const p of this.byDir.get(dir) ?? []) {
      const f = this.files.get(p);
      if (f && samePackage(f.packageName, name)) files.push(f);
    }
    return { dir, name, files, goMod: this.goMods.find(dir) };
  }

  /** Paths of the other files in the same package as `path`. */
  dependantsOf(path: string): string[] {
    return this.packageOf(path)
      .files.map((f) => f.path)
      .filter((p) => p !== path);
  }

  structsIn(pkg: PackageView): Map<string, StructInfo> {
    const out = new Map<string, StructInfo>();
    for (const f of pkg.files) for (const s of f.structs) out.set(s.name, s);
    return out;
  }

  varsIn(pkg: PackageView): Map<string, PackageVar> {
    const out = new Map<string, PackageVar>();
    for (const f of pkg.files) for (const v of f.vars) out.set(v.name, v);
    return out;
  }

  /** Functions keyed by `name` and methods by `Type.name`. */
  funcsIn(pkg: PackageView): Map<string, { info: FuncInfo; file: string }> {
    const out = new Map<string, { info: FuncInfo; file: string }>();
    for (const f of pkg.files) {
      for (const fn of f.funcs) out.set(fn.receiverType ? `${fn.receiverType}.${fn.name}` : fn.name, { info: fn, file: f.path });
    }
    return out;
  }
}

// External test packages (`foo_test`) live beside `foo` but are separate.
function samePackage(a: string, b: string): boolean {
  return a === b;
}

/** Equal in everything but the content hash, positions included. */
function sameFacts(a: FileSummary, b: FileSummary): boolean {
  return JSON.stringify({ ...a, hash: '' }) === JSON.stringify({ ...b, hash: '' });
}

// Function bodies are compared separately (changedFunctions); positions do not count.
function shapeKey(s: FileSummary): string {
  const signatures = s.funcs.map((f) => [f.name, f.receiverType, f.receiverName, f.pointerReceiver, f.params]);
  return semanticKey([s.packageName, s.imports, s.vars, s.structs, signatures]);
}
