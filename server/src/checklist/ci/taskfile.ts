// Taskfile (go-task): `tasks.<name>.cmds` (strings, `cmd:` or `task:`
// entries), `deps:`, and `{{.VAR}}` from global and task `vars:`.
import { child, entries, envHasRace, items, scalarScript, stringScalar, stringValue, yamlRoots } from './yamlNodes';
import type { TargetBody, TargetBook } from './targetBook';
import { lineColumn } from './scriptSource';

function varsOf(node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of entries(node)) {
    const s = stringValue(v);
    if (s !== undefined) out.set(k, s);
  }
  return out;
}

function taskName(node: unknown): string | undefined {
  return stringValue(node) ?? stringValue(child(node, 'task'));
}

export function parseTaskfile(file: string, text: string): TargetBook {
  const tasks = new Map<string, TargetBody>();
  for (const root of yamlRoots(text).slice(0, 1)) {
    const globalVars = varsOf(child(root, 'vars'));
    const globalRace = envHasRace(child(root, 'env'));
    for (const [name, task] of entries(child(root, 'tasks'))) {
      const vars = new Map([...globalVars, ...varsOf(child(task, 'vars'))]);
      const expand = (s: string) => s.replace(/\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (m, v: string) => vars.get(v) ?? m);
      const race = globalRace || envHasRace(child(task, 'env'));
      const body: TargetBody = { scripts: [], deps: [], line: lineColumn(text, task.range?.[0] ?? 0).line };
      // Short forms: `name: go test ./...` or `name: [cmd, cmd]`.
      const cmds = stringScalar(task) ? [task] : items(task).length > 0 ? items(task) : items(child(task, 'cmds'));
      for (const cmd of cmds) {
        const s = stringScalar(cmd) ?? stringScalar(child(cmd, 'cmd'));
        if (s) body.scripts.push(scalarScript(file, text, s, race, expand));
        const called = stringValue(child(cmd, 'task'));
        if (called) body.deps.push(called);
      }
      for (const d of items(child(task, 'deps'))) {
        const n = taskName(d);
        if (n) body.deps.push(n);
      }
      tasks.set(name, body);
    }
  }
  return { file, defaultTarget: 'default', target: (name) => tasks.get(name) };
}
