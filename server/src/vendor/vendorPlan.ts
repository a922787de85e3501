// What to copy where, pure: resolves the chosen packages to their in-module
// closure (redisdlock brings dlock), rewrites the runtime's import paths to
// the user's module and lists the external packages the copy imports with the
// module that provides each.
import { posix } from 'node:path';
import type { ImportSpec, RuntimeModule, RuntimePackage } from './runtimePackages';
import { vendorText as t, VendorRefusal } from './vendorText';

export const defaultVendorDir = 'internal/goconc';

export interface PlannedFile {
  /** Relative to the user's module root, with `/`. */
  path: string;
  text: string;
}

export interface ExternalImport {
  /** The imported package: `gorm.io/gorm/clause`. */
  pkg: string;
  /** The runtime requirement that provides it: `gorm.io/gorm`. */
  module: string;
}

export interface VendorPlan {
  /** Packages asked for, runtime-relative dirs. */
  chosen: string[];
  /** Chosen packages and the in-module packages they import, sorted. */
  packages: RuntimePackage[];
  /** `<user module>/<dir>`: the new prefix of the copied packages. */
  importBase: string;
  targetDir: string;
  files: PlannedFile[];
  external: ExternalImport[];
  /** Modules of `external`, sorted, each once. */
  modules: string[];
}

/** Packages a user may ask for (internal ones come only as dependencies). */
export function publicPackages(runtime: RuntimeModule): RuntimePackage[] {
  return runtime.packages.filter((p) => !p.dir.split('/').includes('internal'));
}

/**
 * `pool`, `dlock/redisdlock`, `redisdlock` (a unique last element) or `dlock/...`
 * (the folder and everything under it); no selector means every public package.
 */
export function resolvePackages(runtime: RuntimeModule, selectors: readonly string[] | undefined): string[] {
  const candidates = publicPackages(runtime);
  if (!selectors) return candidates.map((p) => p.dir);
  const chosen = new Set<string>();
  const names = candidates.map((p) => p.dir).join(', ');
  for (const raw of selectors) {
    const sel = raw.trim().replace(/^\.\//, '').replace(/\/$/, '');
    if (!sel) continue;
    let hits: RuntimePackage[];
    if (sel.endsWith('/...')) {
      const base = sel.slice(0, -4);
      hits = candidates.filter((p) => p.dir === base || p.dir.startsWith(`${base}/`));
    } else {
      const exact = candidates.filter((p) => p.dir === sel);
      hits = exact.length > 0 ? exact : candidates.filter((p) => p.dir.split('/').pop() === sel);
      if (hits.length > 1) hits = [];
    }
    if (hits.length === 0) throw new VendorRefusal(t.unknownPackage, { name: raw, names });
    for (const h of hits) chosen.add(h.dir);
  }
  if (chosen.size === 0) throw new VendorRefusal(t.noPackages);
  return [...chosen].sort();
}

/** The chosen packages plus every runtime package they import, transitively. */
export function packageClosure(runtime: RuntimeModule, chosen: readonly string[]): RuntimePackage[] {
  const byImport = new Map(runtime.packages.map((p) => [p.importPath, p]));
  const byDir = new Map(runtime.packages.map((p) => [p.dir, p]));
  const seen = new Map<string, RuntimePackage>();
  const queue = chosen.map((d) => byDir.get(d)).filter((p): p is RuntimePackage => !!p);
  while (queue.length > 0) {
    const p = queue.pop()!;
    if (seen.has(p.dir)) continue;
    seen.set(p.dir, p);
    for (const imp of p.imports) {
      const dep = byImport.get(imp);
      if (dep && !seen.has(dep.dir)) queue.push(dep);
    }
  }
  return [...seen.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

/** A path of the standard library: its first element has no dot (`net/http`, `C`). */
export function isStandardLibrary(importPath: string): boolean {
  return !importPath.split('/')[0]!.includes('.');
}

/** The longest required module path that is a prefix of `pkg`. */
export function moduleOf(pkg: string, modules: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const m of modules) if ((pkg === m || pkg.startsWith(`${m}/`)) && (!best || m.length > best.length)) best = m;
  return best;
}

/** Replaces runtime import paths in `text`; `imports` are the file's import literals. */
export function rewriteImports(text: string, imports: readonly ImportSpec[], fromModule: string, toBase: string): string {
  let out = text;
  // Back to front so earlier offsets stay valid.
  for (const spec of [...imports].sort((a, b) => b.start - a.start)) {
    if (spec.path !== fromModule && !spec.path.startsWith(`${fromModule}/`)) continue;
    const rewritten = `"${toBase}${spec.path.slice(fromModule.length)}"`;
    out = out.slice(0, spec.start) + rewritten + out.slice(spec.end);
  }
  return out;
}

/** Checks `--dir`: relative, inside the module, and a folder the go tool builds. */
export function normalizeTargetDir(dir: string): string {
  const norm = posix.normalize(dir.replace(/\\/g, '/')).replace(/\/$/, '');
  const parts = norm.split('/');
  const bad =
    norm === '' ||
    norm === '.' ||
    posix.isAbsolute(norm) ||
    /^[A-Za-z]:/.test(norm) ||
    parts.some((p) => p === '..' || p === 'vendor' || p === 'testdata' || /^[._]/.test(p) || !/^[A-Za-z0-9_.~+-]+$/.test(p));
  if (bad) throw new VendorRefusal(t.badDir, { dir });
  return norm;
}

export function planVendor(runtime: RuntimeModule, opts: { packages?: readonly string[]; modulePath: string; targetDir: string }): VendorPlan {
  const targetDir = normalizeTargetDir(opts.targetDir);
  const chosen = resolvePackages(runtime, opts.packages);
  const packages = packageClosure(runtime, chosen);
  const importBase = `${opts.modulePath}/${targetDir}`;
  const files: PlannedFile[] = [];
  for (const p of packages) {
    for (const f of p.files) {
      files.push({ path: `${targetDir}/${p.dir}/${f.name}`, text: rewriteImports(f.text, f.imports, runtime.modulePath, importBase) });
    }
  }
  const external = new Map<string, ExternalImport>();
  for (const imp of packages.flatMap((p) => p.imports)) {
    if (isStandardLibrary(imp) || imp === runtime.modulePath || imp.startsWith(`${runtime.modulePath}/`)) continue;
    const module = moduleOf(imp, runtime.requires);
    if (!module) throw new Error(`runtime imports ${imp}, which no requirement of runtime/go.mod provides`);
    external.set(imp, { pkg: imp, module });
  }
  const ext = [...external.values()].sort((a, b) => a.pkg.localeCompare(b.pkg));
  return { chosen, packages, importBase, targetDir, files, external: ext, modules: [...new Set(ext.map((e) => e.module))].sort() };
}

/** Each public package with what choosing it brings along: other runtime packages and modules. */
export function packageChoices(runtime: RuntimeModule): { dir: string; synopsis: string; requires: string[]; alsoCopies: string[] }[] {
  return publicPackages(runtime).flatMap((p) => {
    try {
      const plan = planVendor(runtime, { packages: [p.dir], modulePath: 'example.com/m', targetDir: defaultVendorDir });
      return [{ dir: p.dir, synopsis: p.synopsis, requires: plan.modules, alsoCopies: plan.packages.map((q) => q.dir).filter((d) => d !== p.dir) }];
    } catch {
      return []; // a package whose imports runtime/go.mod cannot provide is not offered
    }
  });
}
