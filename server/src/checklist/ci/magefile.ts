// Mage: exported functions of `magefile.go` (or `magefiles/*.go`) whose
// bodies call `sh.Run("go", "test", …)` / `exec.Command("go", "test", …)`,
// and `mg.Deps(Other)` between targets. Read as text: the Go rules' parser
// works on the index of the user's packages, and a magefile is a build
// script beside them (often behind a build tag), so a regular scan of the
// call arguments is enough here.
import { lineColumn } from './scriptSource';
import type { TargetBody, TargetBook } from './targetBook';

const funcRe = /^func\s+([A-Z]\w*)\s*\([^)]*\)[^{\n]*\{/gm;
const runRe = /\b(?:sh\.(?:Run|RunV|Output|Exec|RunWith|RunWithV)|exec\.Command(?:Context)?)\(([^)]*)\)/g;

export function parseMagefile(file: string, text: string): TargetBook {
  const targets = new Map<string, TargetBody>();
  const starts = [...text.matchAll(funcRe)];
  starts.forEach((m, i) => {
    const bodyStart = m.index + m[0].length;
    const bodyEnd = starts[i + 1]?.index ?? text.length;
    const body = text.slice(bodyStart, bodyEnd);
    const target: TargetBody = { scripts: [], deps: [], directTests: [], line: lineColumn(text, m.index).line };
    for (const call of body.matchAll(runRe)) {
      const args = [...call[1]!.matchAll(/"([^"]*)"|`([^`]*)`/g)];
      const words = args.map((a) => a[1] ?? a[2] ?? '');
      const goAt = words.indexOf('go');
      if (goAt < 0 || words[goAt + 1] !== 'test') continue;
      const testArg = args[goAt + 1]!;
      const testEnd = bodyStart + call.index + call[0].indexOf('(') + 1 + testArg.index + testArg[0].length;
      const at = lineColumn(text, testEnd);
      const race = words.slice(goAt + 2).some((w) => w === '-race' || w === '-race=true');
      target.directTests!.push({
        file,
        line: at.line,
        column: lineColumn(text, bodyStart + call.index).column,
        command: `go ${words.slice(goAt + 1).join(' ')}`,
        race,
        fix: race ? undefined : { file, ...at, text: ', "-race"' },
      });
    }
    for (const dep of body.matchAll(/\bmg\.(?:Deps|SerialDeps|CtxDeps)\(([^)]*)\)/g)) {
      for (const name of dep[1]!.split(',')) {
        const n = name.trim().replace(/^ctx$/, '');
        if (/^[A-Z]\w*$/.test(n)) target.deps.push(n.toLowerCase());
      }
    }
    targets.set(m[1]!.toLowerCase(), target);
  });
  const def = /\bvar\s+Default\s*=\s*([A-Z]\w*)/.exec(text)?.[1]?.toLowerCase();
  return { file, defaultTarget: def, target: (name) => targets.get(name.toLowerCase()) };
}
