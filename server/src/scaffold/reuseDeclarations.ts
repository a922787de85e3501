// Fits generated declarations into a package that may already have some of
// them: a type the package declares is reused (the generated one is dropped,
// and fields the generated code uses but the existing struct lacks are added
// to it); any other name clash is reported, so the user renames instead of
// getting "X redeclared in this block".
import type { Parser } from 'web-tree-sitter';
import { parseGo } from '../parse/goParser';
import { namedChildren, walk, type Node } from '../parse/syntax';
import type { DeclaredName, PackageDecls } from './packageDecls';

export interface ReusedType {
  name: string;
  existing: DeclaredName;
  /** Field declarations (one per line, gofmt-able) the existing struct lacks and the code needs. */
  addFields: string[];
}

export interface Reconciled {
  code: string;
  reused: ReusedType[];
  conflicts: { name: string; existing: DeclaredName }[];
}

const prefix = 'package p\n\n';

function methodReceiver(m: Node): string | undefined {
  const params = m.childForFieldName('receiver');
  const decl = params && namedChildren(params).find((c) => c.type === 'parameter_declaration');
  return decl?.childForFieldName('type')?.text.replace(/^\*/, '').replace(/\[.*$/, '');
}

function names(decl: Node): string[] {
  const out: string[] = [];
  walk(decl, (n) => {
    if (n === decl) return true;
    if (n.type === 'var_spec' || n.type === 'const_spec') {
      for (const x of n.childrenForFieldName('name')) if (x && x.text !== '_') out.push(x.text);
      return false;
    }
    return n.type === 'var_spec_list' || n.type === 'const_spec_list';
  });
  return out;
}

/** Field selectors (`.Name`) used in `code` outside the dropped ranges. */
function selectorsUsed(root: Node, skip: [number, number][]): Set<string> {
  const used = new Set<string>();
  walk(root, (n) => {
    if (skip.some(([s, e]) => n.startIndex >= s && n.endIndex <= e)) return false;
    if (n.type === 'selector_expression') used.add(n.childForFieldName('field')?.text ?? '');
    if (n.type === 'keyed_element') {
      const key = n.namedChild(0);
      if (key && /^[A-Za-z_]\w*$/.test(key.text)) used.add(key.text);
    }
    return true;
  });
  return used;
}

export function reconcileDeclarations(parser: Parser, code: string, existing: PackageDecls): Reconciled {
  const text = prefix + code;
  const tree = parseGo(parser, text);
  try {
    const top = namedChildren(tree.rootNode);
    const generatedMethods = new Set(top.filter((n) => n.type === 'method_declaration').map(methodReceiver));
    const drops: [number, number][] = [];
    const dropped: { name: string; spec: Node; existing: DeclaredName }[] = [];
    const conflicts: Reconciled['conflicts'] = [];
    top.forEach((n, i) => {
      if (n.type === 'type_declaration') {
        const specs = namedChildren(n).filter((c) => c.type === 'type_spec' || c.type === 'type_alias');
        for (const spec of specs) {
          const name = spec.childForFieldName('name')?.text ?? '';
          const have = existing.get(name);
          if (!have) continue;
          // Reuse a plain type (a model the helper works on); a type the code adds methods to is the code's own.
          if (have.kind === 'type' && !generatedMethods.has(name) && specs.length === 1) {
            // Take its doc comment along: the comments right above it, with no blank line between.
            let start = n.startIndex;
            for (let j = i - 1; j >= 0 && top[j]!.type === 'comment' && top[j]!.endPosition.row + 1 >= top[j + 1]!.startPosition.row; j--) start = top[j]!.startIndex;
            drops.push([start, n.endIndex]);
            dropped.push({ name, spec, existing: have });
          } else conflicts.push({ name, existing: have });
        }
      } else if (n.type === 'function_declaration') {
        const name = n.childForFieldName('name')?.text ?? '';
        const have = existing.get(name);
        if (have) conflicts.push({ name, existing: have });
      } else if (n.type === 'method_declaration') {
        const key = `${methodReceiver(n)}.${n.childForFieldName('name')?.text ?? ''}`;
        const have = existing.get(key);
        if (have) conflicts.push({ name: key, existing: have });
      } else if (n.type === 'var_declaration' || n.type === 'const_declaration') {
        for (const name of names(n)) {
          const have = existing.get(name);
          if (have) conflicts.push({ name, existing: have });
        }
      }
    });
    const used = selectorsUsed(tree.rootNode, drops);
    const reused: ReusedType[] = dropped.map(({ name, spec, existing: have }) => {
      const type = spec.childForFieldName('type');
      const list = type?.type === 'struct_type' ? namedChildren(type).find((c) => c.type === 'field_declaration_list') : undefined;
      const addFields: string[] = [];
      for (const f of list ? namedChildren(list).filter((c) => c.type === 'field_declaration') : []) {
        const fieldNames = f.childrenForFieldName('name').filter((x): x is Node => x !== null).map((x) => x.text);
        if (fieldNames.length > 0 && fieldNames.every((x) => used.has(x) && !(have.fields ?? []).includes(x))) addFields.push(f.text);
      }
      return { name, existing: have, addFields };
    });
    let out = text;
    for (const [s, e] of [...drops].sort((a, b) => b[0] - a[0])) {
      let end = e;
      while (out[end] === '\n') end++;
      out = out.slice(0, s) + out.slice(end);
    }
    return { code: out.slice(prefix.length).replace(/^\n+/, ''), reused, conflicts };
  } finally {
    tree.delete();
  }
}
