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
