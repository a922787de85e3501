// Small helpers over the `yaml` package's document nodes: CI files are read
// with a real YAML parser, and source ranges tie values back to lines.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type Scalar } from 'yaml';
import { hasRaceFlag } from './shellCommands';
import { occurrenceLocator, type ScriptSource } from './scriptSource';

/** The root node of every well-formed document in the file (multi-document files included). */
export function yamlRoots(text: string): Node[] {
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  return docs.filter((d) => d.errors.length === 0 && d.contents).map((d) => d.contents as Node);
}

export function child(node: unknown, key: string): Node | undefined {
  return isMap(node) ? (node.get(key, true) as Node | undefined) : undefined;
}

export function entries(node: unknown): [string, Node][] {
  if (!isMap(node)) return [];
  const out: [string, Node][] = [];
  for (const p of node.items) if (isScalar(p.key) && p.value) out.push([String(p.key.value), p.value as Node]);
  return out;
}

export function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

export function stringScalar(node: unknown): Scalar<string> | undefined {
  return isScalar(node) && typeof node.value === 'string' ? (node as Scalar<string>) : undefined;
}

export function stringValue(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** A string scalar or a (nested) list of them, as GitLab's `script:` allows. */
export function scriptScalars(node: unknown): Scalar<string>[] {
  const s = stringScalar(node);
  if (s) return [s];
  return items(node).flatMap((n) => scriptScalars(n));
}

/** GOFLAGS with -race in an env/variables map, or in Azure's `- name: GOFLAGS / value: …` list. */
export function envHasRace(node: unknown): boolean {
  const direct = stringValue(child(node, 'GOFLAGS'));
  if (direct !== undefined) return hasRaceFlag(direct);
  const value = child(node, 'GOFLAGS');
  if (value && hasRaceFlag(stringValue(child(value, 'value')) ?? '')) return true;
  return items(node).some((v) => stringValue(child(v, 'name')) === 'GOFLAGS' && hasRaceFlag(stringValue(child(v, 'value')) ?? ''));
}

export function scalarScript(file: string, fileText: string, scalar: Scalar<string>, raceEnv: boolean, expand?: (s: string) => string): ScriptSource {
  const [start, end] = scalar.range ?? [0, 0];
  return { file, fileText, script: scalar.value, locateGoTest: occurrenceLocator(scalar.value, fileText, start, end), startOffset: start, raceEnv, expand };
}
