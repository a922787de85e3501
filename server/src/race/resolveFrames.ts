// Maps the paths printed in runtime stacks to files of the workspace and
// picks each stack's innermost frame that is the user's own code (not the
// runtime, the testing package, GOROOT, the module cache or vendor/).
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { posix, win32, join } from 'node:path';
import { parseGoMod } from '../index/goMod';
import { overlayFileName } from './testMainOverlay';
import type { StackFrame } from './types';

export interface ModuleDir {
  /** The folder holding go.mod. */
  dir: string;
  /** Its module path, e.g. example.com/shop. */
  module: string;
}

export interface WorkspaceLayout {
  roots: string[];
  modules: ModuleDir[];
}

export interface ResolvedFrame extends StackFrame {
  /** Absolute path of the workspace file (in the roots' own style). */
  path: string;
}

const isWindowsPath = (p: string) => /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

/** Forward slashes, lower-case drive letter: the form used to compare paths. */
function comparable(p: string): string {
  const s = p.replace(/\\/g, '/');
  return isWindowsPath(p) ? s.toLowerCase() : s;
}

function realpathOrSelf(p: string): string {
  if (isWindowsPath(p) && process.platform !== 'win32') return p;
  try {
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/** Frames of the Go runtime and standard library, whatever their path. */
const stdFunctionRe = /^(?:runtime|testing|sync|internal\/[\w/]+|sync\/atomic|reflect|time|os|syscall)\./;

function isLibraryPath(p: string): boolean {
  const s = comparable(p);
  // goconc test's own overlay file is not the user's code either.
  return /\/pkg\/mod\//.test(s) || /\/vendor\//.test(s) || /@v\d/.test(s) || s.endsWith('_testmain.go') || s.endsWith(`/${overlayFileName}`);
}

/** Finds the go.mod files under the roots (skipping vendor/, node_modules/ and hidden folders). */
export function findModules(roots: string[], maxDepth = 6): ModuleDir[] {
  const out: ModuleDir[] = [];
  const walk = (dir: string, depth: number) => {
    const mod = join(dir, 'go.mod');
    if (existsSync(mod)) {
      try {
        const info = parseGoMod(mod, readFileSync(mod, 'utf8'));
        if (info.module) out.push({ dir, module: info.module });
      } catch {
        // unreadable go.mod: its frames stay unmapped
      }
    }
    if (depth >= maxDepth) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && !['vendor', 'node_modules', 'testdata'].includes(e.name)) walk(join(dir, e.name), depth + 1);
    }
  };
  for (const r of roots) walk(r, 0);
  return out;
}

export function layoutFor(roots: string[]): WorkspaceLayout {
  return { roots, modules: findModules(roots) };
}

/**
 * The workspace file a printed path names, or undefined when it is outside
 * the workspace. Handles absolute paths (following symlinks), Windows paths
 * with either slash, and `-trimpath` paths (`example.com/shop/orders/x.go`).
 */
export function resolvePrintedPath(printed: string, layout: WorkspaceLayout): string | undefined {
  if (isLibraryPath(printed)) return undefined;
  const absolute = printed.startsWith('/') || isWindowsPath(printed);
  if (!absolute) {
    // -trimpath: module path + path inside the module; the longest module path wins.
    const mods = [...layout.modules].sort((a, b) => b.module.length - a.module.length);
    const mod = mods.find((m) => printed.startsWith(`${m.module}/`));
    if (!mod) return undefined;
    const rest = printed.slice(mod.module.length + 1);
    return isWindowsPath(mod.dir) ? win32.join(mod.dir, ...rest.split('/')) : posix.join(mod.dir, rest);
  }
  const file = comparable(realpathOrSelf(printed));
  for (const root of layout.roots) {
    const variants = new Set([comparable(root), comparable(realpathOrSelf(root))]);
    for (const r of variants) {
      const prefix = r.endsWith('/') ? r : `${r}/`;
      if (file.startsWith(prefix)) {
        const rest = file.slice(prefix.length);
        // Rebuild in the root's own style (its separators and case).
        return isWindowsPath(root) ? win32.join(root, ...rest.split('/')) : posix.join(root, rest);
      }
    }
  }
  return undefined;
}

/** Every frame of `stack` in the workspace, innermost first (the calls that led to the innermost one). */
export function workspaceFrames(stack: StackFrame[], layout: WorkspaceLayout): ResolvedFrame[] {
  const out: ResolvedFrame[] = [];
  for (const f of stack) {
    if (stdFunctionRe.test(f.func)) continue;
    const path = resolvePrintedPath(f.file, layout);
    if (path) out.push({ ...f, path });
  }
  return out;
}

/** The innermost frame of `stack` in the workspace, skipping runtime/testing/library frames. */
export function innermostWorkspaceFrame(stack: StackFrame[], layout: WorkspaceLayout): ResolvedFrame | undefined {
  for (const f of stack) {
    if (stdFunctionRe.test(f.func)) continue;
    const path = resolvePrintedPath(f.file, layout);
    if (path) return { ...f, path };
  }
  return undefined;
}
