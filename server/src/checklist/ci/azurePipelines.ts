// Azure Pipelines: `azure-pipelines.yml`, every `script:`/`bash:` step at
// any depth (stages → jobs → steps), and the `Go@0` task with command test.
import { isMap, isSeq, type Node } from 'yaml';
import { child, entries, envHasRace, items, scalarScript, stringScalar, stringValue, yamlRoots } from './yamlNodes';
import type { ScriptSource } from './scriptSource';

export function azurePipelinesScripts(file: string, text: string): ScriptSource[] {
  const out: ScriptSource[] = [];
  const visit = (node: Node | undefined, race: boolean) => {
    if (!node) return;
    if (isSeq(node)) {
      for (const n of items(node)) visit(n, race);
      return;
    }
    if (!isMap(node)) return;
    const here = race || envHasRace(child(node, 'variables')) || envHasRace(child(node, 'env'));
    for (const key of ['script', 'bash']) {
      const s = stringScalar(child(node, key));
      if (s) out.push(scalarScript(file, text, s, here));
    }
    const task = stringValue(child(node, 'task'));
    const inputs = child(node, 'inputs');
    if (task?.startsWith('Go@') && stringValue(child(inputs, 'command')) === 'test') {
      const args = stringValue(child(inputs, 'arguments')) ?? '';
      const start = (child(inputs, 'arguments') ?? node).range?.[0] ?? 0;
      // The task runs `go test <arguments>`; there is no literal `go test` to edit.
      out.push({ file, fileText: text, script: `go test ${args}`, locateGoTest: () => undefined, startOffset: start, raceEnv: here });
    }
    for (const [key, value] of entries(node)) if (key !== 'script' && key !== 'bash') visit(value, here);
  };
  for (const root of yamlRoots(text)) visit(root, false);
  return out;
}
