// Loads tree-sitter and the Go grammar once per process (or worker) and
// parses Go source. The wasm files live beside the bundle in dist/; when the
// TypeScript sources run directly (tests), they come from node_modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import type { Steps } from '../steps';

let ready: Promise<Language> | undefined;

function wasmPath(file: string, fallbackModule: string): string {
  const beside = join(__dirname, file);
  if (existsSync(beside)) return beside;
  const distCopy = join(__dirname, '..', '..', '..', 'dist', file);
  if (existsSync(distCopy)) return distCopy;
  return require.resolve(fallbackModule);
}

export function loadGoLanguage(): Promise<Language> {
  ready ??= (async () => {
    const runtimeWasm = wasmPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
    await Parser.init({ locateFile: () => runtimeWasm });
    return Language.load(wasmPath('tree-sitter-go.wasm', 'tree-sitter-go/tree-sitter-go.wasm'));
  })();
  return ready;
}

/** A parser bound to the Go grammar. Call `loadGoLanguage()` first. */
export async function createGoParser(): Promise<Parser> {
  const language = await loadGoLanguage();
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** Parses `text`; tree-sitter recovers from syntax errors, so this only fails on internal errors. */
export function parseGo(parser: Parser, text: string, oldTree?: Tree): Tree {
  const tree = parser.parse(text, oldTree ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/**
 * The same parse in slices of about `sliceMs`, pausing between them: tree-sitter resumes a cancelled parse where
 * it stopped. A parse of text that is hardly Go (an edit storm's) can take seconds, and the language server must
 * be able to answer requests meanwhile and to drop the parse when a newer version arrives. Nothing else may use
 * `parser` until the steps end; dropped half-way, they reset it.
 */
export function* parseGoSteps(parser: Parser, text: string, oldTree?: Tree, sliceMs = 10): Steps<Tree> {
  parser.reset();
  let tree: Tree | null = null;
  try {
    for (;;) {
      const deadline = performance.now() + sliceMs;
      tree = parser.parse(text, oldTree ?? null, { progressCallback: () => performance.now() > deadline });
      if (tree) return tree;
      yield;
    }
  } finally {
    if (!tree) parser.reset();
  }
}
