// Adds the imports generated code needs to a Go file: reuses what is already
// imported (under its alias), never duplicates a path, picks an alias when a
// name is taken, and places new specs where gofmt would keep them (standard
// library group first, sorted). Hand-written because goimports is a Go tool
// the user may not have; tree-sitter gives us the exact spec positions.
import type { Tree } from 'web-tree-sitter';
import { namedChildren, walk, type Node } from '../parse/syntax';
import type { ImportNeed } from './types';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

interface ExistingSpec {
  path: string;
  /** Explicit name: alias, "_" or "." */
  alias?: string;
}

export interface ImportPlan {
  /** import path → the name the code must use in this file. */
  names: Map<string, string>;
  /** The edit to the file's import declarations; undefined when nothing is missing. */
  edit?: OffsetEdit;
}

const isStd = (path: string) => !(path.split('/')[0] ?? '').includes('.');

/** The package name a path is usually imported as (last element, without /vN and go- prefixes). */
export function defaultPackageName(path: string): string {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  return last.replace(/^go-/, '').replace(/[-.]go$/, '').replace(/[^\p{L}\p{Nd}_]/gu, '_');
}

function unquote(lit: string): string {
  return lit.replace(/^["`]|["`]$/g, '');
}

function specOf(node: Node): ExistingSpec | undefined {
  const path = node.childForFieldName('path');
  if (!path) return undefined;
  const name = node.childForFieldName('name');
  return { path: unquote(path.text), ...(name ? { alias: name.text } : {}) };
}

function importDecls(tree: Tree): Node[] {
  return namedChildren(tree.rootNode).filter((n) => n.type === 'import_declaration');
}

function existingSpecs(decls: Node[]): ExistingSpec[] {
  const out: ExistingSpec[] = [];
  for (const d of decls) walk(d, (n) => {
    if (n.type === 'import_spec') {
      const s = specOf(n);
      if (s) out.push(s);
      return false;
    }
    return true;
  });
  return out;
}

const specLine = (path: string, alias?: string) => `\t${alias ? `${alias} ` : ''}"${path}"`;

/** Inserts spec lines into the lines of a parenthesised block body, gofmt-style. */
function insertIntoBlock(body: string[], additions: { path: string; alias?: string }[]): string[] {
  const lines = [...body];
  const pathOfLine = (l: string) => /"([^"]+)"/.exec(l)?.[1];
  for (const add of [...additions].sort((a, b) => a.path.localeCompare(b.path))) {
    // Groups: runs of non-blank lines.
    const groups: { start: number; end: number; std: boolean; hasSpecs: boolean }[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      let j = i;
      while (j + 1 < lines.length && lines[j + 1]!.trim() !== '') j++;
      const paths = lines.slice(i, j + 1).map(pathOfLine).filter((p): p is string => !!p);
      groups.push({ start: i, end: j, std: paths.length > 0 && paths.every(isStd), hasSpecs: paths.length > 0 });
      i = j;
    }
    const wantStd = isStd(add.path);
    const group = wantStd ? groups.find((g) => g.std) : [...groups].reverse().find((g) => g.hasSpecs && !g.std);
    const line = specLine(add.path, add.alias);
    if (!group) {
      if (wantStd) lines.splice(0, 0, line, ...(lines.length > 0 ? [''] : []));
      else lines.push(...(lines.length > 0 ? [''] : []), line);
      continue;
    }
    let at = group.end + 1;
    for (let i = group.start; i <= group.end; i++) {
      const p = pathOfLine(lines[i]!);
      if (p && p > add.path) {
        at = i;
        break;
      }
    }
    lines.splice(at, 0, line);
  }
  return lines;
}

function renderBlock(additions: { path: string; alias?: string }[]): string {
  return ['import (', ...insertIntoBlock([], additions), ')'].join('\n');
}

/** Plans the import names and the edit that adds the missing imports to `text`. */
export function planImports(text: string, tree: Tree, needs: ImportNeed[]): ImportPlan {
  const decls = importDecls(tree);
  const specs = existingSpecs(decls);
  const names = new Map<string, string>();
  const taken = new Set(specs.filter((s) => s.alias !== '_' && s.alias !== '.').map((s) => s.alias ?? defaultPackageName(s.path)));
  const additions: { path: string; alias?: string }[] = [];
  for (const need of needs) {
    if (names.has(need.path)) continue;
    const usable = specs.find((s) => s.path === need.path && s.alias !== '_' && s.alias !== '.');
    if (usable) {
      names.set(need.path, usable.alias ?? defaultPackageName(need.path));
      continue;
    }
    let name = need.name;
    let alias: string | undefined;
    if (taken.has(name)) {
      const base = isStd(need.path) ? `std${name}` : `${name}pkg`;
      name = base;
      for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
      alias = name;
    } else if (need.name !== defaultPackageName(need.path)) {
      // The package name differs from the last path element (e.g. go-redis/v9 → redis):
      // gofmt keeps it unaliased, and so do we, unless it was needed to disambiguate.
      alias = undefined;
    }
    taken.add(name);
    names.set(need.path, name);
    additions.push({ path: need.path, ...(alias ? { alias } : {}) });
  }
  if (additions.length === 0) return { names };

  const block = decls.find((d) => namedChildren(d).some((c) => c.type === 'import_spec_list'));
  if (block) {
    const open = text.indexOf('(', block.startIndex);
    const close = block.endIndex - 1; // the ')'
    const inner = text.slice(open + 1, close);
    // Keep everything between the parentheses; operate on whole lines.
    const body = inner.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '').split('\n');
    const cleaned = body.length === 1 && body[0]!.trim() === '' ? [] : body;
    const newBody = insertIntoBlock(cleaned, additions);
    return { names, edit: { start: open + 1, end: close, newText: `\n${newBody.join('\n')}\n` } };
  }
  const single = decls[decls.length - 1];
  if (single) {
    const spec = single.namedChildren.find((c) => c?.type === 'import_spec');
    const s = spec ? specOf(spec) : undefined;
    const keep = s ? [{ path: s.path, ...(s.alias ? { alias: s.alias } : {}) }] : [];
    return { names, edit: { start: single.startIndex, end: single.endIndex, newText: renderBlock([...keep, ...additions]) } };
  }
  const pkg = namedChildren(tree.rootNode).find((n) => n.type === 'package_clause');
  const at = pkg ? pkg.endIndex : 0;
  return { names, edit: { start: at, end: at, newText: `\n\n${renderBlock(additions)}` } };
}

/**
 * Rewrites package qualifiers in generated code (`sync.Mutex` → `stdsync.Mutex`)
 * when the target file imports a package under another name. `code` is parsed
 * as a file body; templates never shadow package names.
 */
export function requalify(code: string, tree: Tree, prefixLength: number, renames: Map<string, string>): string {
  if (renames.size === 0) return code;
  const edits: OffsetEdit[] = [];
  walk(tree.rootNode, (n) => {
    let target: Node | null = null;
    if (n.type === 'qualified_type') target = n.childForFieldName('package');
    else if (n.type === 'selector_expression') {
      const operand = n.childForFieldName('operand');
      if (operand?.type === 'identifier') target = operand;
    }
    if (target && renames.has(target.text)) edits.push({ start: target.startIndex - prefixLength, end: target.endIndex - prefixLength, newText: renames.get(target.text)! });
    return true;
  });
  return applyOffsetEdits(code, edits);
}

export function applyOffsetEdits(text: string, edits: OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
