// Reads the bundled runtime module: its packages, the files a copy needs and
// what each file imports. `go list` decides what is a package and which files
// belong to it (build rules, nested modules) when the go tool is on PATH; a
// directory walk stands in without it. Every copied file is parsed with
// tree-sitter either way: the rewrite needs the position of each import
// string, and `go list` lumps the imports of all test files together while we
// copy only the examples.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { parseGoMod } from '../index/goMod';
import { createGoParser, parseGo } from '../parse/goParser';
import { namedChildren, type Node } from '../parse/syntax';
import { parseJsonStream, runGo, type GoTool } from './goCommand';

/** One import string in a file: `start`/`end` enclose the quoted literal. */
export interface ImportSpec {
  path: string;
  start: number;
  end: number;
}

export interface RuntimeFile {
  name: string;
  text: string;
  imports: ImportSpec[];
}

export interface RuntimePackage {
  /** Directory relative to the runtime module root, with `/`: `dlock/redisdlock`. */
  dir: string;
  importPath: string;
  name: string;
  /** First sentence of the package doc comment. */
  synopsis: string;
  /** Files a copy takes: every non-test source and the examples that compile on their own. */
  files: RuntimeFile[];
  /** Test files left behind (they need goleak, test servers or the test helpers). */
  skippedTests: string[];
  /** Union of the copied files' imports, sorted. */
  imports: string[];
}

export interface RuntimeModule {
  dir: string;
  modulePath: string;
  goVersion: string;
  /** Module paths required by the runtime's go.mod. */
  requires: string[];
  packages: RuntimePackage[];
  /** How the package list was read. */
  source: 'go list' | 'walk';
}

interface PackageFiles {
  dir: string;
  importPath: string;
  sources: string[];
  tests: string[];
  /** Non-test imports as `go list` reports them (cross-checked against the parse). */
  goListImports?: string[];
}

const examplePattern = /^example(_\w+)?_test\.go$/;

export async function loadRuntime(runtimeDir: string, opts: { useGoList?: boolean; go?: GoTool } = {}): Promise<RuntimeModule> {
  const goModPath = join(runtimeDir, 'go.mod');
  const mod = parseGoMod(goModPath, readFileSync(goModPath, 'utf8'));
  if (!mod.module) throw new Error(`${goModPath} has no module line`);
  const modulePath = mod.module;
  let listed = opts.useGoList === false ? undefined : await listWithGo(runtimeDir, opts.go);
  const source = listed ? 'go list' : 'walk';
  listed ??= walkPackages(runtimeDir, modulePath);
  const parser = await createGoParser();
  try {
    const packages = listed.map((p) => readPackage(runtimeDir, p, parser));
    return { dir: runtimeDir, modulePath, goVersion: mod.goVersion ?? '1.16', requires: mod.requires, packages, source };
  } finally {
    parser.delete();
  }
}

interface GoListPackage {
  Dir: string;
  ImportPath: string;
  GoFiles?: string[];
  CgoFiles?: string[];
  IgnoredGoFiles?: string[];
  TestGoFiles?: string[];
  XTestGoFiles?: string[];
  Imports?: string[];
}

async function listWithGo(runtimeDir: string, go?: GoTool): Promise<PackageFiles[] | undefined> {
  // -e: the runtime's requirements need not be in the module cache to list its own packages.
  const fields = 'Dir,ImportPath,GoFiles,CgoFiles,IgnoredGoFiles,TestGoFiles,XTestGoFiles,Imports';
  const run = await runGo(['list', '-e', `-json=${fields}`, './...'], runtimeDir, go, { GOFLAGS: '-mod=readonly', GOWORK: 'off' });
  if (!run || run.code !== 0) return undefined;
  return parseJsonStream<GoListPackage>(run.stdout).map((p) => ({
    dir: relative(runtimeDir, p.Dir).split(sep).join('/'),
    importPath: p.ImportPath,
    // Files for other platforms (IgnoredGoFiles) are copied too: the copy must build everywhere.
    sources: [...(p.GoFiles ?? []), ...(p.CgoFiles ?? []), ...(p.IgnoredGoFiles ?? [])].filter((f) => !f.endsWith('_test.go')).sort(),
    tests: [...(p.TestGoFiles ?? []), ...(p.XTestGoFiles ?? [])].sort(),
    goListImports: p.Imports ?? [],
  }));
}

/** Without the go tool: every folder with .go files, skipping nested modules and what `./...` skips. */
function walkPackages(runtimeDir: string, modulePath: string): PackageFiles[] {
  const out: PackageFiles[] = [];
  const visit = (abs: string, rel: string): void => {
    const entries = readdirSync(abs, { withFileTypes: true });
    const goFiles = entries.filter((e) => e.isFile() && e.name.endsWith('.go')).map((e) => e.name).sort();
    if (goFiles.length > 0 && rel !== '') {
      out.push({
        dir: rel,
        importPath: `${modulePath}/${rel}`,
        sources: goFiles.filter((f) => !f.endsWith('_test.go')),
        tests: goFiles.filter((f) => f.endsWith('_test.go')),
      });
    }
    for (const e of entries) {
      if (!e.isDirectory() || /^[._]/.test(e.name) || e.name === 'testdata' || e.name === 'vendor') continue;
      const child = join(abs, e.name);
      if (existsSync(join(child, 'go.mod'))) continue;
      visit(child, rel ? `${rel}/${e.name}` : e.name);
    }
  };
  visit(runtimeDir, '');
  return out.filter((p) => p.sources.length > 0).sort((a, b) => a.dir.localeCompare(b.dir));
}

function readPackage(runtimeDir: string, p: PackageFiles, parser: Parser): RuntimePackage {
  const abs = join(runtimeDir, ...p.dir.split('/'));
  const parsed = (name: string) => {
    const text = readFileSync(join(abs, name), 'utf8');
    const tree = parseGo(parser, text);
    try {
      return { name, text, imports: importSpecs(tree.rootNode, text), root: tree.rootNode, tree };
    } catch (err) {
      tree.delete();
      throw err;
    }
  };
  const sources = p.sources.map(parsed);
  const tests = p.tests.map(parsed);
  try {
    const examples = tests.filter((t) => examplePattern.test(t.name) && standsAlone(t.root, tests.filter((o) => o !== t).map((o) => o.root)));
    const copied = [...sources, ...examples];
    const imports = [...new Set(copied.flatMap((f) => f.imports.map((i) => i.path)))].sort();
    const missing = (p.goListImports ?? []).filter((i) => i !== 'C' && !imports.includes(i));
    if (missing.length > 0) throw new Error(`runtime package ${p.dir}: go list reports imports the parse missed: ${missing.join(', ')}`);
    const docFile = sources.find((f) => f.name === 'doc.go') ?? sources.find((f) => packageDoc(f.root)) ?? sources[0]!;
    return {
      dir: p.dir,
      importPath: p.importPath,
      name: packageName(sources[0]!.root) ?? p.dir.split('/').pop()!,
      synopsis: synopsisOf(packageDoc(docFile.root) ?? ''),
      files: copied.map(({ name, text, imports: specs }) => ({ name, text, imports: specs })),
      skippedTests: tests.filter((t) => !examples.includes(t)).map((t) => t.name),
      imports,
    };
  } finally {
    for (const f of [...sources, ...tests]) f.tree.delete();
  }
}

function importSpecs(root: Node, text: string): ImportSpec[] {
  const out: ImportSpec[] = [];
  for (const spec of root.descendantsOfType('import_spec')) {
    const lit = spec?.childForFieldName('path');
    if (!lit) continue;
    const path = lit.text.slice(1, -1);
    // tree-sitter indices are checked against the text so a rewrite never lands off target.
    let start = lit.startIndex;
    if (text.slice(start, start + lit.text.length) !== lit.text) start = text.indexOf(lit.text);
    out.push({ path, start, end: start + lit.text.length });
  }
  return out;
}

function packageName(root: Node): string | undefined {
  const clause = namedChildren(root).find((n) => n.type === 'package_clause');
  return clause ? namedChildren(clause)[0]?.text : undefined;
}

/** The comment block right above the package clause. */
function packageDoc(root: Node): string | undefined {
  const kids = namedChildren(root);
  const i = kids.findIndex((n) => n.type === 'package_clause');
  const lines: string[] = [];
  let nextRow = i >= 0 ? kids[i]!.startPosition.row : -1;
  for (let j = i - 1; j >= 0; j--) {
    const c = kids[j]!;
    if (c.type !== 'comment' || c.endPosition.row !== nextRow - 1) break;
    lines.unshift(c.text.replace(/^\/\/ ?|^\/\*|\*\/$/g, ''));
    nextRow = c.startPosition.row;
  }
  const doc = lines.join('\n').trim();
  return doc.startsWith('Package ') ? doc : undefined;
}

function synopsisOf(doc: string): string {
  const flat = doc.replace(/\s+/g, ' ').trim();
  const m = /^(.*?[.!?])(\s|$)/.exec(flat);
  return m ? m[1]! : flat;
}

/**
 * An example compiles without the package's other test files when it names
 * nothing they declare (helper types, fixtures, TestMain's globals).
 */
function standsAlone(example: Node, otherTests: Node[]): boolean {
  const declared = new Set<string>();
  for (const root of otherTests) {
    for (const decl of namedChildren(root)) {
      if (decl.type === 'function_declaration') declared.add(decl.childForFieldName('name')?.text ?? '');
      else if (decl.type === 'type_declaration' || decl.type === 'var_declaration' || decl.type === 'const_declaration') {
        for (const spec of decl.descendantsOfType(['type_spec', 'type_alias', 'var_spec', 'const_spec'])) {
          for (const name of spec?.childrenForFieldName('name') ?? []) if (name) declared.add(name.text);
        }
      }
    }
  }
  declared.delete('');
  for (const id of example.descendantsOfType(['identifier', 'type_identifier'])) if (id && declared.has(id.text)) return false;
  return true;
}
