// What is under the cursor, for context-aware scaffolds: a struct (guard it,
// or version it when it is a GORM model), a loop starting goroutines (bound
// it), or a read inside db.Transaction (lock the row). Pure syntax.
import type { Tree } from 'web-tree-sitter';
import { blockStatements, namedChildren, walk, type Node } from '../parse/syntax';

export interface StructField {
  name: string;
  type: string;
  kind: 'map' | 'slice' | 'lock' | 'other';
  /** For maps: key and value types; for slices: the element type. */
  key?: string;
  elem?: string;
}

export type CursorContext =
  | {
      kind: 'struct';
      name: string;
      /** Offsets of the struct's `{` and `}`. */
      open: number;
      close: number;
      /** End of the whole type declaration. */
      declEnd: number;
      fields: StructField[];
      /** An existing sync.Mutex/RWMutex value field to reuse. */
      mutex?: { name: string; rw: boolean };
      gormModel: boolean;
      hasVersion: boolean;
      idType?: string;
    }
  | { kind: 'goLoop'; loopStart: number; loopEnd: number; goCount: number }
  | { kind: 'transaction'; txName: string; readCall: { insertAt: number; method: string }; alreadyLocked: boolean }
  | { kind: 'none' };

const readMethods = new Set(['First', 'Find', 'Take', 'Last', 'Scan']);

function fieldsOf(structType: Node): { fields: StructField[]; embedsGormModel: boolean; tags: boolean } {
  const list = namedChildren(structType).find((c) => c.type === 'field_declaration_list');
  const fields: StructField[] = [];
  let embedsGormModel = false;
  let tags = false;
  for (const decl of list ? namedChildren(list).filter((c) => c.type === 'field_declaration') : []) {
    const type = decl.childForFieldName('type');
    if (!type) continue;
    if (decl.childForFieldName('tag')?.text.includes('gorm:')) tags = true;
    const names = decl.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length === 0) {
      if (type.text === 'gorm.Model') embedsGormModel = true;
      continue;
    }
    const t = type.text;
    const kind: StructField['kind'] = /^(sync\.)?(RW)?Mutex$|\.(RW)?Mutex$/.test(t) ? 'lock' : type.type === 'map_type' ? 'map' : type.type === 'slice_type' ? 'slice' : 'other';
    for (const n of names) {
      const f: StructField = { name: n.text, type: t, kind };
      if (type.type === 'map_type') {
        f.key = type.childForFieldName('key')?.text;
        f.elem = type.childForFieldName('value')?.text;
      } else if (type.type === 'slice_type') f.elem = type.childForFieldName('element')?.text;
      fields.push(f);
    }
  }
  return { fields, embedsGormModel, tags };
}

function structContext(spec: Node): CursorContext | undefined {
  const type = spec.childForFieldName('type');
  const name = spec.childForFieldName('name');
  if (!type || type.type !== 'struct_type' || !name || spec.childForFieldName('type_parameters')) return undefined;
  const list = namedChildren(type).find((c) => c.type === 'field_declaration_list');
  if (!list) return undefined;
  const { fields, embedsGormModel, tags } = fieldsOf(type);
  const lock = fields.find((f) => f.kind === 'lock' && !f.type.startsWith('*'));
  const id = fields.find((f) => f.name === 'ID');
  const decl = spec.parent?.type === 'type_declaration' ? spec.parent : spec;
  return {
    kind: 'struct',
    name: name.text,
    open: list.startIndex,
    close: list.endIndex - 1,
    declEnd: decl.endIndex,
    fields,
    ...(lock ? { mutex: { name: lock.name, rw: /RWMutex$/.test(lock.type) } } : {}),
    gormModel: embedsGormModel || tags,
    hasVersion: fields.some((f) => f.name === 'Version'),
    ...(id ? { idType: id.type } : embedsGormModel ? { idType: 'uint' } : {}),
  };
}

/** Go statements in a loop body, not counting those inside nested function literals. */
export function goStatementsIn(loop: Node): Node[] {
  const out: Node[] = [];
  const body = loop.childForFieldName('body');
  if (!body) return out;
  walk(body, (n) => {
    if (n.type === 'func_literal') return false;
    if (n.type === 'go_statement') out.push(n);
    return true;
  });
  return out;
}

const limiterMethods = new Set(['Acquire', 'TryAcquire', 'Wait', 'Go', 'Submit']);

/**
 * A loop that already bounds its goroutines (a semaphore send, Acquire, an
 * errgroup's Go…) is not offered the rewrite again. By text and method names;
 * the engine's unbounded-goroutines rule judges by type and accepts these names
 * only for limiter types it does not know, so the two can differ: a loop the
 * rule reports for an errgroup Go without SetLimit counts here as limited.
 */
function alreadyLimited(loop: Node): boolean {
  const body = loop.childForFieldName('body');
  let found = false;
  if (body) walk(body, (n) => {
    if (found || n.type === 'func_literal') return false;
    if (n.type === 'send_statement') found = true;
    if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'selector_expression' && limiterMethods.has(fn.childForFieldName('field')?.text ?? '')) found = true;
    }
    return !found;
  });
  return found;
}

/** The innermost `x.Transaction(func(tx *gorm.DB) error {…})` literal around `node`. */
function transactionLiteral(node: Node): { lit: Node; txName: string } | undefined {
  for (let p: Node | null = node; p; p = p.parent) {
    if (p.type !== 'func_literal') continue;
    const call = p.parent?.parent;
    const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Transaction') continue;
    const param = namedChildren(p.childForFieldName('parameters')!).find((c) => c.type === 'parameter_declaration');
    const txName = param?.childForFieldName('name')?.text;
    if (txName && /gorm\.DB/.test(param?.childForFieldName('type')?.text ?? '')) return { lit: p, txName };
  }
  return undefined;
}

/** The first read through tx (`tx.….First(…)`) in the literal, with where `.Clauses(…)` goes. */
function firstRead(lit: Node, txName: string): { insertAt: number; method: string; alreadyLocked: boolean } | undefined {
  let found: { insertAt: number; method: string; alreadyLocked: boolean } | undefined;
  walk(lit.childForFieldName('body')!, (n) => {
    if (found) return false;
    if (n.type === 'func_literal') return false;
    if (n.type !== 'call_expression') return true;
    const fn = n.childForFieldName('function');
    const method = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    if (!fn || !method || !readMethods.has(method)) return true;
    // Walk the chain down to its root operand.
    let root: Node | null = fn.childForFieldName('operand');
    let locked = false;
    while (root && (root.type === 'call_expression' || root.type === 'selector_expression')) {
      if (root.type === 'call_expression') {
        const f = root.childForFieldName('function');
        if (f?.type === 'selector_expression' && f.childForFieldName('field')?.text === 'Clauses' && /Locking/.test(root.text)) locked = true;
        root = f;
      } else root = root.childForFieldName('operand');
    }
    if (root?.type === 'identifier' && root.text === txName) found = { insertAt: root.endIndex, method, alreadyLocked: locked };
    return true;
  });
  return found;
}

export function cursorContext(tree: Tree, offset: number): CursorContext {
  const node = tree.rootNode.descendantForIndex(offset, offset);
  if (!node) return { kind: 'none' };
  const tx = transactionLiteral(node);
  if (tx) {
    const read = firstRead(tx.lit, tx.txName);
    if (read) return { kind: 'transaction', txName: tx.txName, readCall: { insertAt: read.insertAt, method: read.method }, alreadyLocked: read.alreadyLocked };
  }
  for (let p: Node | null = node; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') {
      // A loop must be inside the same function as the cursor, or around it.
      if (p.type !== 'func_literal') break;
    }
    if (p.type === 'for_statement') {
      const gos = goStatementsIn(p);
      if (gos.length > 0 && !alreadyLimited(p)) return { kind: 'goLoop', loopStart: p.startIndex, loopEnd: p.endIndex, goCount: gos.length };
    }
  }
  for (let p: Node | null = node; p; p = p.parent) {
    if (p.type === 'type_spec') return structContext(p) ?? { kind: 'none' };
    if (p.type === 'type_declaration') {
      const spec = namedChildren(p).find((c) => c.type === 'type_spec' && c.startIndex <= offset && offset <= c.endIndex) ?? namedChildren(p).find((c) => c.type === 'type_spec');
      return (spec && structContext(spec)) ?? { kind: 'none' };
    }
  }
  return { kind: 'none' };
}

/** The decision-tree node the wizard opens at for a context. */
export function suggestedNode(ctx: CursorContext): string | undefined {
  switch (ctx.kind) {
    case 'struct':
      return ctx.gormModel ? 'db/optimistic' : 'shared-state/kind';
    case 'goLoop':
      return 'bounded';
    case 'transaction':
      return 'db/pessimistic';
    default:
      return undefined;
  }
}

export { blockStatements };
