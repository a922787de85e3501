// go.mod requirements with their lines, for the dependency-based evidence of
// items 6 (database libraries) and 7 (distributed locks).
import { readText } from './ci/ciDefinitions';

export interface Requirement {
  goMod: string;
  module: string;
  /** 0-based line of the requirement in go.mod. */
  line: number;
  column: number;
}

export function requirementsOf(goMods: readonly string[]): Requirement[] {
  const out: Requirement[] = [];
  for (const goMod of goMods) {
    const text = readText(goMod);
    if (text === undefined) continue;
    let inBlock = false;
    text.split('\n').forEach((raw, line) => {
      const code = raw.replace(/\/\/.*$/, '');
      const trimmed = code.trim();
      if (inBlock) {
        if (trimmed === ')') inBlock = false;
        else if (trimmed) out.push({ goMod, module: trimmed.split(/\s+/)[0]!, line, column: code.indexOf(trimmed) });
        return;
      }
      const m = /^require\s+(\(|\S+)/.exec(trimmed);
      if (!m) return;
      if (m[1] === '(') inBlock = true;
      else out.push({ goMod, module: m[1]!, line, column: code.indexOf(m[1]!) });
    });
  }
  return out;
}

/** Modules that match a prefix list (a module or any of its sub-paths and major versions). */
export function matching<T extends { prefix: string }>(module: string, known: readonly T[]): T | undefined {
  return known.find((k) => module === k.prefix || module.startsWith(`${k.prefix}/`));
}
