// Cancellation signals in scope at a function: `context.Context` parameters
// and locals (`ctx, cancel := context.WithTimeout(…)`), and done/stop
// channels received as parameters — in the function itself and, for closures,
// in the functions around them.
import { classifyType } from '../index/typeKind';
import { namedChildren, type Node } from '../parse/syntax';
import { isFunctionNode } from './flow';
import { localDeclarations } from './locals';

export interface Signal {
  name: string;
  kind: 'context' | 'done';
  decl: Node;
}

const doneName = /done|stop|quit|exit|clos|shutdown|cancel|term|die|kill/i;
const structChan = /^(<-\s*)?chan\s*(<-\s*)?struct\s*\{\s*\}$/;

/** `alias.Name` where alias imports `context` (e.g. `context.Background`). */
export function isContextCall(call: Node, names: string[], imports: Record<string, string>): boolean {
  if (call.type !== 'call_expression') return false;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return false;
  const pkg = fn.childForFieldName('operand')?.text ?? '';
  return imports[pkg] === 'context' && names.includes(fn.childForFieldName('field')?.text ?? '');
}

export const derivingContextFuncs = ['WithCancel', 'WithTimeout', 'WithDeadline', 'WithCancelCause', 'WithTimeoutCause', 'WithDeadlineCause', 'WithValue', 'WithoutCancel'];

/** Context parameters declared by `fn` itself (named, not `_`). */
export function contextParams(fn: Node, imports: Record<string, string>): Signal[] {
  const out: Signal[] = [];
  const params = fn.childForFieldName('parameters');
  if (!params) return out;
  for (const p of namedChildren(params)) {
    const type = p.childForFieldName('type')?.text ?? '';
    const kind = classifyType(type, imports) === 'context' ? 'context' : structChan.test(type) ? 'done' : undefined;
    if (!kind) continue;
    for (const n of p.childrenForFieldName('name')) {
      if (!n || n.text === '_') continue;
      if (kind === 'done' && !doneName.test(n.text)) continue;
      out.push({ name: n.text, kind, decl: n });
    }
  }
  return out;
}

function contextLocals(fn: Node, before: number, imports: Record<string, string>): Signal[] {
  const out: Signal[] = [];
  for (const d of localDeclarations(fn)) {
    if (d.node.startIndex > before) continue;
    const init = d.init;
    const isCtx =
      (init && isContextCall(init, derivingContextFuncs, imports) && d.node.parent?.namedChild(0)?.id === d.node.id) ||
      classifyType(d.typeNode?.text ?? '', imports) === 'context';
    if (isCtx) out.push({ name: d.name, kind: 'context', decl: d.node });
  }
  return out;
}

/** Signals visible at `at` inside `fn`: parameters and context locals of `fn` and of the functions around it. */
export function signalsInScope(fn: Node, at: Node, imports: Record<string, string>): Signal[] {
  const out = [...contextParams(fn, imports), ...contextLocals(fn, at.startIndex, imports)];
  for (let outer = fn.parent; outer; outer = outer.parent) {
    if (!isFunctionNode(outer)) continue;
    out.push(...contextParams(outer, imports), ...contextLocals(outer, fn.startIndex, imports));
  }
  return out;
}
