// Makefiles: targets, their prerequisites and recipes, and simple variables
// (`GOTEST_FLAGS := -race`) expanded before flags are read. Hand-written:
// there is no maintained Makefile parser on npm that keeps line positions.
import { setsRaceGoflags } from './shellCommands';
import { sliceLocator, type ScriptSource } from './scriptSource';
import type { TargetBody, TargetBook } from './targetBook';

export function parseMakefile(file: string, text: string): TargetBook {
  const vars = new Map<string, string>();
  const targets = new Map<string, TargetBody>();
  let defaultTarget: string | undefined;
  let current: TargetBody[] = [];
  let exportsRace = false;
  const expand = (s: string, depth = 0): string =>
    depth > 8
      ? s
      : s.replace(/\$\$/g, '\u0000').replace(/\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]/g, (m, name: string) =>
          vars.has(name) ? expand(vars.get(name)!, depth + 1) : name === 'MAKE' ? 'make' : m,
        ).replace(/\u0000/g, '$');

  let offset = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineStart = offset;
    let line = lines[i]!;
    let end = lineStart + line.length;
    // Join backslash continuations into one logical line.
    let j = i;
    while (line.endsWith('\\') && j + 1 < lines.length) {
      j++;
      line = `${line}\n${lines[j]!}`;
      end = lineStart + line.length;
    }
    offset = end + 1;
    const lineNo = i;
    i = j;
    if (line.startsWith('\t')) {
      if (current.length === 0) continue;
      // The recipe with its tab and @/-/+ prefix blanked: same length, so offsets stay true.
      const script: ScriptSource = {
        file,
        fileText: text,
        script: line.replace(/^\t[@+-]*/, (m) => ' '.repeat(m.length)),
        locateGoTest: sliceLocator(lineStart),
        startOffset: lineStart + 1,
        raceEnv: exportsRace,
        expand: (s) => expand(s),
      };
      for (const t of current) t.scripts.push(script);
      continue;
    }
    const bare = line.replace(/#.*$/, '');
    if (!bare.trim()) continue;
    const assign = /^\s*(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:[:?+!]?=|::=)\s*(.*)$/s.exec(bare);
    if (assign) {
      const [, name, value] = assign;
      const v = value!.trim();
      vars.set(name!, bare.includes('+=') && vars.has(name!) ? `${vars.get(name!)} ${v}` : v);
      if (name === 'GOFLAGS' && /^\s*export\b/.test(bare) && setsRaceGoflags(`GOFLAGS=${expand(v)}`)) exportsRace = true;
      current = [];
      continue;
    }
    const rule = /^([^:=\t][^:=]*?)\s*::?\s*([^=].*)?$/.exec(bare);
    if (rule) {
      const names = rule[1]!.trim().split(/\s+/);
      const deps = (rule[2] ?? '').split(';')[0]!.trim().split(/\s+/).filter((d) => d && !d.includes('%'));
      current = [];
      for (const name of names) {
        if (name.startsWith('.')) continue;
        const body = targets.get(name) ?? { scripts: [], deps: [], line: lineNo };
        body.deps.push(...deps);
        targets.set(name, body);
        current.push(body);
        defaultTarget ??= name;
      }
      continue;
    }
    current = [];
  }
  return { file, defaultTarget, target: (name) => targets.get(name) };
}
