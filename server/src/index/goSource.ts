// What goconc accepts as a Go source file, read once: at most maxGoFileBytes, text (no NUL byte, valid
// UTF-8, as the Go compiler requires), and brackets nested at most maxNesting deep (the rules walk the tree
// recursively; deeper code would exhaust the stack after seconds of work). A file that fails is skipped with
// the reason, which the CLI prints as one line and the server writes to its log.
import { readFileSync, statSync } from 'node:fs';

export const maxGoFileBytes = 2_000_000;
export const maxNesting = 400;

export class SkippedFile extends Error {}

/** Why a file of this size is skipped, or undefined. */
export function sizeProblem(bytes: number): string | undefined {
  return bytes > maxGoFileBytes ? `file too large (${(bytes / 1e6).toFixed(1)} MB, the limit is ${maxGoFileBytes / 1e6} MB)` : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a Go file's bytes, or throws SkippedFile saying why it is not Go source goconc analyses. */
export function decodeGoSource(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new SkippedFile(`binary content (a NUL byte at offset ${nul})`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new SkippedFile('not UTF-8 text');
  }
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x7b || b === 0x28 || b === 0x5b) {
      if (++depth > deepest) deepest = depth;
    } else if (b === 0x7d || b === 0x29 || b === 0x5d) depth--;
  }
  if (deepest > maxNesting) throw new SkippedFile(`nesting too deep (${deepest} levels of brackets, the limit is ${maxNesting})`);
  return text;
}

/** Reads a Go file, or throws SkippedFile saying why it is not analysed. */
export function readGoSource(path: string): string {
  const tooLarge = sizeProblem(statSync(path).size);
  if (tooLarge) throw new SkippedFile(tooLarge);
  return decodeGoSource(readFileSync(path));
}
