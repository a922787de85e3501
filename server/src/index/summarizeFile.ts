// Builds the per-file summary the rules need from a parsed Go file: package,
// imports, package-level variables, struct types and function signatures.
import { createHash } from 'node:crypto';
import type { Tree } from 'web-tree-sitter';
import { goStarts } from '../analysis/goroutines';
import { localDeclarations } from '../analysis/locals';
import { writesIn } from '../analysis/writes';
import { namedChildren, rangeOf, type Node } from '../parse/syntax';
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
 * text at the same offset, row and column, under the same imports and package variables. A keystroke changes one
 * function; every function before it is then reused as it was (facts hold absolute positions, so functions after
 * the edit, which moved, are summarised again).
 */
export class FunctionReuse {
  private byKey = new Map<string, FuncInfo>();
  private context = '';

  /** Starts a new summary: returns the lookup for it and collects its functions for the next one. */
  begin(file: FileContext): { get(decl: Node): FuncInfo | undefined; keep(decl: Node, info: FuncInfo): void } {
    const context = JSON.stringify([file.imports, [...file.vars.values()]]);
    const previous = context === this.context ? this.byKey : new Map<string, FuncInfo>();
    const next = new Map<string, FuncInfo>();
    this.context = context;
    this.byKey = next;
    const key = (decl: Node) => `${decl.startIndex}:${decl.startPosition.row}:${decl.startPosition.column}:${decl.text}`;
    return {
      get: (decl) => previous.get(key(decl)),
      keep: (decl, info) => next.set(key(decl), info),
    };
  }
}

export function summarizeFile(path: string, text: string, tree: Tree, reuse?: FunctionReuse): FileSummary {
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
    }
  }
  return summary;
}
