// Functions and methods of one file that some `go` statement in the package
// starts: the link that lets rules follow `go f()` into `f`, across files.
import type { FileSummary, FuncInfo, GoCallFact } from '../index/types';
import type { PackageView } from '../index/workspaceIndex';

export interface StartedFunc {
  func: FuncInfo;
  goCall: GoCallFact;
  /** The file holding the go statement. */
  goFile: string;
}

/** Resolves `f` to a package function and `x.m` to the only method `m` in the package. */
export function resolveCallee(callee: string, pkg: PackageView, imports: Record<string, string>): FuncInfo | undefined {
  const parts = callee.split('.');
  if (parts.length === 1) {
    for (const f of pkg.files) for (const fn of f.funcs) if (!fn.receiverType && fn.name === callee) return fn;
    return undefined;
  }
  if (parts.length !== 2 || imports[parts[0]!]) return undefined;
  const candidates: FuncInfo[] = [];
  for (const f of pkg.files) for (const fn of f.funcs) if (fn.receiverType && fn.name === parts[1]) candidates.push(fn);
  return candidates.length === 1 ? candidates[0] : undefined;
}

export function startedFunctionsOf(file: FileSummary, pkg: PackageView): StartedFunc[] {
  const own = new Set(file.funcs);
  const out: StartedFunc[] = [];
  for (const f of pkg.files) {
    for (const goCall of f.goCalls) {
      const fn = resolveCallee(goCall.callee, pkg, f.imports);
      if (fn && own.has(fn)) out.push({ func: fn, goCall, goFile: f.path });
    }
  }
  return out;
}
