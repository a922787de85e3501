// Local declarations of a function: where each name is declared and with
// what initialiser, so rules can tell captured variables from goroutine-local
// ones and recognise maps built with make(map…).
import { findAll, namedChildren, type Node } from '../parse/syntax';

export interface LocalDecl {
  name: string;
  node: Node;
  /** The initialiser or declared type, when there is one. */
  init?: Node;
  typeNode?: Node;
  /** `xs ...T` parameters are slices. */
  variadic?: boolean;
}

/** Names declared directly in `fn` (params, results, :=, var, range vars), not in nested closures. */
export function localDeclarations(fn: Node): LocalDecl[] {
  const out: LocalDecl[] = [];
  for (const field of ['receiver', 'parameters', 'result']) {
    const list = fn.childForFieldName(field);
    if (!list || list.type !== 'parameter_list') continue;
    for (const p of namedChildren(list)) {
      const typeNode = p.childForFieldName('type') ?? undefined;
      const variadic = p.type === 'variadic_parameter_declaration';
      for (const n of p.childrenForFieldName('name')) if (n) out.push({ name: n.text, node: n, typeNode, variadic });
    }
  }
  const body = fn.childForFieldName('body');
  if (!body) return out;
  for (const decl of findAll(body, ['short_var_declaration', 'var_spec', 'range_clause'], true)) {
    if (decl.type === 'var_spec') {
      const typeNode = decl.childForFieldName('type') ?? undefined;
      const values = decl.childForFieldName('value');
      decl.childrenForFieldName('name').forEach((n, i) => {
        if (n) out.push({ name: n.text, node: n, typeNode, init: values?.namedChild(i) ?? undefined });
      });
      continue;
    }
    const left = decl.childForFieldName('left');
    const right = decl.childForFieldName('right');
    if (!left) continue;
    if (decl.type === 'range_clause' && decl.child(1)?.text !== ':=') continue;
    namedChildren(left).forEach((n, i) => {
      if (n.type !== 'identifier' || n.text === '_') return;
      const init = decl.type === 'short_var_declaration' ? right?.namedChild(i) ?? undefined : undefined;
      out.push({ name: n.text, node: n, init });
    });
  }
  return out;
}

/** The declaration of `name` visible from `fn`'s body (innermost wins by position). */
export function declarationOf(decls: LocalDecl[], name: string, before: Node): LocalDecl | undefined {
  let best: LocalDecl | undefined;
  for (const d of decls) {
    if (d.name === name && d.node.startIndex <= before.startIndex) best = d;
  }
  return best;
}

const scopeTypes = new Set(['block', 'communication_case', 'expression_case', 'type_case', 'default_case', 'if_statement', 'for_statement', 'expression_switch_statement', 'type_switch_statement']);

function leftNames(decl: Node | null | undefined): string[] {
  if (!decl) return [];
  if (decl.type === 'short_var_declaration' || (decl.type === 'receive_statement' && decl.child(1)?.text === ':=') || (decl.type === 'range_clause' && decl.child(1)?.text === ':=')) {
    return namedChildren(decl.childForFieldName('left') ?? decl).map((n) => n.text);
  }
  return [];
}

/** The `:=` declarations a scope node makes directly (its statements, a case's receive, an if/for/switch header). */
function declarationsIn(scope: Node): Node[] {
  switch (scope.type) {
    case 'block':
      return blockStatementsOf(scope).filter((s) => s.type === 'short_var_declaration');
    case 'communication_case': {
      const c = scope.childForFieldName('communication');
      return c ? [c] : [];
    }
    case 'if_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement': {
      const init = scope.childForFieldName('initializer');
      return init ? [init] : [];
    }
    case 'for_statement':
      return namedChildren(scope).flatMap((c) => (c.type === 'range_clause' ? [c] : c.type === 'for_clause' ? [c.childForFieldName('initializer')].filter((x): x is Node => !!x) : []));
    default:
      return [];
  }
}

function blockStatementsOf(block: Node): Node[] {
  return namedChildren(block).flatMap((c) => (c.type === 'statement_list' ? namedChildren(c) : [c]));
}

/**
 * True when `ref` (a use of `name` inside `top`) refers to another variable than the one declared at
 * `original`: an inner `:=` (or a case's `v := <-ch`, an `if err := …`) declares a new `name` in a scope
 * around `ref`, before it. A `:=` in the original's own scope reuses the variable.
 */
export function shadowedAt(ref: Node, name: string, original: Node | undefined, top: Node): boolean {
  for (let scope = ref.parent; scope && scope.id !== top.id; scope = scope.parent) {
    if (!scopeTypes.has(scope.type)) continue;
    const ownScopeOfOriginal = original && scopeOfDeclaration(original)?.id === scope.id;
    if (ownScopeOfOriginal) continue;
    if (declarationsIn(scope).some((d) => d.startIndex <= ref.startIndex && leftNames(d).includes(name))) return true;
  }
  return false;
}

function scopeOfDeclaration(decl: Node): Node | undefined {
  for (let p = decl.parent; p; p = p.parent) {
    if (p.type === 'statement_list' && p.parent?.type === 'block') return p.parent;
    if (scopeTypes.has(p.type) || p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
  }
  return undefined;
}
