// The top-level names a package already declares, so generated code reuses
// them instead of declaring them twice (a second `type Product struct` does
// not compile). Pure syntax over the package's files, unsaved buffers
// included by the caller.
import type { Parser } from 'web-tree-sitter';
import { parseGo } from '../parse/goParser';
import { namedChildren, type Node } from '../parse/syntax';

export interface DeclaredName {
  kind: 'type' | 'func' | 'method' | 'var' | 'const';
  file: string;
  /** Offset of the name in its file. */
  offset: number;
  line: number;
  /** For struct types: field names, and the offset of the closing `}`. */
  fields?: string[];
  structClose?: number;
}

/** Key: `Name` for package-level names, `Recv.Name` for methods. */
export type PackageDecls = Map<string, DeclaredName>;

function receiverType(m: Node): string | undefined {
  const params = m.childForFieldName('receiver');
  const decl = params && namedChildren(params).find((c) => c.type === 'parameter_declaration');
  return decl?.childForFieldName('type')?.text.replace(/^\*/, '').replace(/\[.*$/, '');
}

function add(out: PackageDecls, key: string, d: DeclaredName): void {
  if (!out.has(key)) out.set(key, d);
}

/** Declarations of one file's text (also used on generated code, with file ''). */
export function declarationsOf(parser: Parser, file: string, text: string, out: PackageDecls = new Map()): PackageDecls {
  const tree = parseGo(parser, text);
  try {
    for (const n of namedChildren(tree.rootNode)) {
      const at = (name: Node) => ({ file, offset: name.startIndex, line: name.startPosition.row });
      if (n.type === 'function_declaration') {
        const name = n.childForFieldName('name');
        if (name && name.text !== 'init' && name.text !== '_') add(out, name.text, { kind: 'func', ...at(name) });
      } else if (n.type === 'method_declaration') {
        const name = n.childForFieldName('name');
        const recv = receiverType(n);
        if (name && recv) add(out, `${recv}.${name.text}`, { kind: 'method', ...at(name) });
      } else if (n.type === 'type_declaration') {
        for (const spec of namedChildren(n).filter((c) => c.type === 'type_spec' || c.type === 'type_alias')) {
          const name = spec.childForFieldName('name');
          if (!name) continue;
          const type = spec.childForFieldName('type');
          const list = type?.type === 'struct_type' ? namedChildren(type).find((c) => c.type === 'field_declaration_list') : undefined;
          const fields = list
            ? namedChildren(list)
                .filter((c) => c.type === 'field_declaration')
                .flatMap((f) => {
                  const names = f.childrenForFieldName('name').filter((x): x is Node => x !== null);
                  // An embedded field is named by its type's last part (gorm.Model → Model).
                  return names.length > 0 ? names.map((x) => x.text) : [(f.childForFieldName('type')?.text ?? '').replace(/^\*/, '').replace(/^.*\./, '')];
                })
            : undefined;
          add(out, name.text, { kind: 'type', ...at(name), ...(fields && list ? { fields, structClose: list.endIndex - 1 } : {}) });
        }
      } else if (n.type === 'var_declaration' || n.type === 'const_declaration') {
        const specs: Node[] = [];
        const collect = (x: Node) => {
          for (const c of namedChildren(x)) {
            if (c.type === 'var_spec' || c.type === 'const_spec') specs.push(c);
            else if (c.type === 'var_spec_list' || c.type === 'const_spec_list') collect(c);
          }
        };
        collect(n);
        for (const spec of specs) {
          for (const name of spec.childrenForFieldName('name').filter((x): x is Node => x !== null && x.text !== '_')) {
            add(out, name.text, { kind: n.type === 'var_declaration' ? 'var' : 'const', ...at(name) });
          }
        }
      }
    }
  } finally {
    tree.delete();
  }
  return out;
}

/** The declarations of every non-test file of the package (`files`: path → text). */
export function packageDeclarations(parser: Parser, files: ReadonlyMap<string, string>): PackageDecls {
  const out: PackageDecls = new Map();
  for (const [path, text] of files) declarationsOf(parser, path, text, out);
  return out;
}
