// Builds the per-file summary the rules need from a parsed Go file: package,
// imports, package-level variables, struct types and function signatures.
import { createHash } from 'node:crypto';
import type { Tree } from 'web-tree-sitter';
import { goStarts } from '../analysis/goroutines';
import { localDeclarations } from '../analysis/locals';
import { writesIn } from '../analysis/writes';
import { namedChildren, rangeOf, type Node } from '../parse/syntax';
import { runToEnd, type Steps } from '../steps';
import { bodyFactsOf, type FileContext } from './funcSummary';
import { classifyType, noCopyKinds } from './typeKind';
import type { FieldInfo, FileSummary, FuncInfo, PackageVar, ParamInfo, Span, StructInfo } from './types';

export function spanOf(node: Node): Span {
  const r = rangeOf(node);
  return { line: r.startLine, column: r.startColumn, endLine: r.endLine, endColumn: r.endColumn };
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function importsOf(root: Node): Record<string, string> {
  const imports: Record<string, string> = {};
  for (const spec of root.descendantsOfType('import_spec')) {
    if (!spec) continue;
    const pathNode = spec.childForFieldName('path');
    if (!pathNode) continue;
    const path = pathNode.text.replace(/^["`]|["`]$/g, '');
    const alias = spec.childForFieldName('name')?.text;
    if (alias === '_' || alias === '.') continue;
    // Without the module's package clause we assume the last path element,
    // skipping a major-version suffix (`github.com/redis/go-redis/v9` → go-redis → redis).
    const parts = path.split('/');
    let last = parts[parts.length - 1] ?? path;
    if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2] ?? last;
    const implicit = last.replace(/^go-/, '').replace(/[-.]/g, '');
    imports[alias ?? implicit] = path;
  }
  return imports;
}

function paramsOf(list: Node | null, imports: Record<string, string>): ParamInfo[] {
  if (!list) return [];
  const out: ParamInfo[] = [];
  for (const decl of namedChildren(list)) {
    if (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration') continue;
    const typeNode = decl.childForFieldName('type');
    const type = (decl.type === 'variadic_parameter_declaration' ? '...' : '') + (typeNode?.text ?? '');
    const kind = classifyType(typeNode?.text ?? '', imports);
    const names = decl.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length === 0) out.push({ name: '_', type, kind });
    for (const n of names) out.push({ name: n.text, type, kind });
  }
  return out;
}

function structOf(spec: Node, imports: Record<string, string>): StructInfo | undefined {
  const name = spec.childForFieldName('name');
  const type = spec.childForFieldName('type');
  if (!name || !type || type.type !== 'struct_type') return undefined;
  const fields: FieldInfo[] = [];
  for (const decl of type.descendantsOfType('field_declaration')) {
    if (!decl || decl.parent?.parent?.id !== type.id) continue;
    const typeNode = decl.childForFieldName('type');
    // An embedded `*T` has the `*` outside its type node.
    const embeddedPointer = decl.childrenForFieldName('name').length === 0 && decl.text.trim().startsWith('*');
    const typeText = (embeddedPointer ? '*' : '') + (typeNode?.text ?? '');
    const kind = classifyType(typeText, imports);
    const pointer = typeText.startsWith('*');
    const names = decl.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const line = decl.startPosition.row;
    if (names.length === 0) {
      // Embedded field: its name is the type's last element (`sync.Mutex` → Mutex).
      const embedded = typeText.replace(/^\*/, '').split('.').pop() ?? typeText;
      fields.push({ name: embedded, type: typeText, kind, pointer, line });
    }
    for (const n of names) fields.push({ name: n.text, type: typeText, kind, pointer, line });
  }
  return {
    name: name.text,
    fields,
    holdsLock: fields.some((f) => !f.pointer && noCopyKinds.has(f.kind)),
    line: spec.startPosition.row,
  };
}

function funcOf(decl: Node, imports: Record<string, string>, file: FileContext): FuncInfo | undefined {
  const name = decl.childForFieldName('name');
  if (!name) return undefined;
  const params = paramsOf(decl.childForFieldName('parameters'), imports);
  const info: FuncInfo = {
    name: name.text,
    pointerReceiver: false,
    params,
    takesContext: params.some((p) => p.kind === 'context'),
    line: decl.startPosition.row,
    writes: [],
  };
  if (decl.type === 'method_declaration') {
    const recv = decl.childForFieldName('receiver')?.namedChildren.find((c) => c?.type === 'parameter_declaration');
    const recvType = recv?.childForFieldName('type');
    if (recvType) {
      info.pointerReceiver = recvType.type === 'pointer_type';
      info.receiverType = recvType.text.replace(/^\*/, '').replace(/\[.*$/, '');
      info.receiverName = recv?.childForFieldName('name')?.text;
    }
  }
  const body = decl.childForFieldName('body');
  if (body) {
    // Only writes that outlive the call matter to callers: package variables and receiver fields.
    const locals = new Set(localDeclarations(decl).map((d) => d.name));
    if (info.receiverName) locals.delete(info.receiverName);
    info.writes = writesIn(body).filter((w) => !locals.has(w.root)).map((w) => ({
      ...spanOf(w.node),
      path: w.path,
      root: w.root,
      isMapWrite: w.isMapWrite,
      guarded: w.guarded,
    }));
    info.facts = bodyFactsOf(decl, file);
  }
  return info;
}

function varsOf(decl: Node, imports: Record<string, string>): PackageVar[] {
  const out: PackageVar[] = [];
  for (const spec of decl.descendantsOfType('var_spec')) {
    if (!spec) continue;
    const typeNode = spec.childForFieldName('type');
    let kind = classifyType(typeNode?.text ?? '', imports);
    const value = spec.childForFieldName('value')?.namedChild(0);
    if (!typeNode && value) kind = kindOfExpression(value, imports);
    for (const n of spec.childrenForFieldName('name')) {
      if (n) out.push({ name: n.text, type: typeNode?.text, kind, line: spec.startPosition.row });
    }
  }
  return out;
}

/** Best-effort kind of an initialiser: `make(map…)`, `map[…]…{}`, `make(chan …)`, `sync.Mutex{}`. */
export function kindOfExpression(expr: Node, imports: Record<string, string>): ReturnType<typeof classifyType> {
  if (expr.type === 'composite_literal') return classifyType(expr.childForFieldName('type')?.text ?? '', imports);
  if (expr.type === 'call_expression') {
    const fn = expr.childForFieldName('function')?.text;
    const firstArg = expr.childForFieldName('arguments')?.namedChild(0);
    if ((fn === 'make' || fn === 'new') && firstArg) return classifyType(firstArg.text, imports);
  }
  if (expr.type === 'unary_expression' && expr.child(0)?.text === '&') {
    const operand = expr.childForFieldName('operand');
    if (operand) return kindOfExpression(operand, imports);
  }
  return 'other';
}

/**
 * The functions of the previous summary of one open file, keyed by what their facts depend on: the declaration's
 * text and starting column, under the same imports and package variables. A keystroke changes one function; every
 * other function is reused — as it was when it did not move, or with its positions shifted by the bytes and rows the
 * edit added before it (its own lines, hence columns, are unchanged when its text and starting column are).
 */
export class FunctionReuse {
  private byKey = new Map<string, { info: FuncInfo; at: number; row: number }>();
  private context = '';
  /** How many functions the last summary reused (for tests and benchmarks). */
  hits = 0;

  /** Starts a new summary: returns the lookup for it and collects its functions for the next one. */
  begin(file: FileContext): { get(decl: Node): FuncInfo | undefined; keep(decl: Node, info: FuncInfo): void } {
    // What the facts read of the file: import aliases, and each package variable's type and kind (not its line).
    const context = JSON.stringify([file.imports, [...file.vars.values()].map((v) => [v.name, v.type, v.kind])]);
    const previous = context === this.context ? this.byKey : new Map<string, { info: FuncInfo; at: number; row: number }>();
    const next = new Map<string, { info: FuncInfo; at: number; row: number }>();
    this.context = context;
    this.byKey = next;
    this.hits = 0;
    const key = (decl: Node) => `${decl.startPosition.column}:${decl.text}`;
    return {
      get: (decl) => {
        const old = previous.get(key(decl));
        if (!old) return undefined;
        this.hits++;
        return shifted(old.info, decl.startIndex - old.at, decl.startPosition.row - old.row);
      },
      keep: (decl, info) => next.set(key(decl), { info, at: decl.startIndex, row: decl.startPosition.row }),
    };
  }
}

/**
 * A function summary moved by `bytes` and `rows`: byte offsets (`at`, the offsets in `pos` chains) and rows
 * (`line`, `endLine`) shift, columns and everything else stay. Unmoved summaries are returned as they are.
 */
function shifted(info: FuncInfo, bytes: number, rows: number): FuncInfo {
  if (bytes === 0 && rows === 0) return info;
  const move = (value: unknown, key: string): unknown => {
    if (typeof value === 'number') return key === 'at' ? value + bytes : key === 'line' || key === 'endLine' ? value + rows : value;
    if (Array.isArray(value)) return key === 'pos' ? value.map((n: number, i) => (i % 2 === 0 ? n + bytes : n)) : value.map((v) => move(v, ''));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = move(v, k);
      return out;
    }
    return value;
  };
  return move(info, '') as FuncInfo;
}

export function summarizeFile(path: string, text: string, tree: Tree, reuse?: FunctionReuse): FileSummary {
  return runToEnd(summarizeFileSteps(path, text, tree, reuse));
}

/** The same, pausing after each function (a 200 KB file takes a second or more to summarise). */
export function* summarizeFileSteps(path: string, text: string, tree: Tree, reuse?: FunctionReuse): Steps<FileSummary> {
  const root = tree.rootNode;
  const imports = importsOf(root);
  const summary: FileSummary = {
    path,
    hash: contentHash(text),
    packageName: root.descendantsOfType('package_identifier')[0]?.text ?? '',
    imports,
    vars: [],
    structs: [],
    funcs: [],
    goCalls: goStarts(root)
      .filter((g) => g.callee)
      .map((g) => ({ ...spanOf(g.stmt), callee: g.callee!, inLoop: g.loop !== undefined })),
    hasErrors: root.hasError,
  };
  const tops = namedChildren(root);
  for (const top of tops) if (top.type === 'var_declaration') summary.vars.push(...varsOf(top, imports));
  const file: FileContext = { imports, vars: new Map(summary.vars.map((v) => [v.name, v])) };
  const reused = reuse?.begin(file);
  for (const top of tops) {
    if (top.type === 'type_declaration') {
      for (const spec of namedChildren(top)) {
        if (spec.type !== 'type_spec') continue;
        const s = structOf(spec, imports);
        if (s) summary.structs.push(s);
      }
    } else if (top.type === 'function_declaration' || top.type === 'method_declaration') {
      const f = reused?.get(top) ?? funcOf(top, imports, file);
      if (f) {
        summary.funcs.push(f);
        reused?.keep(top, f);
      }
      yield;
    }
  }
  return summary;
}
