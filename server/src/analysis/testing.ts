// Test functions and helpers: which parameters are a *testing.T (or B, F, TB).
import { namedChildren, type Node } from '../parse/syntax';

const testingTypes = /^\*?testing\.(T|B|F)$|^testing\.TB$/;

/** Names of *testing.T / *testing.B / testing.TB parameters of `fn`. */
export function testingParams(fn: Node, imports: Record<string, string>): string[] {
  if (!Object.values(imports).includes('testing')) return [];
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  const out: string[] = [];
  for (const p of namedChildren(params)) {
    if (!testingTypes.test(p.childForFieldName('type')?.text ?? '')) continue;
    for (const n of p.childrenForFieldName('name')) if (n && n.text !== '_') out.push(n.text);
  }
  return out;
}

