// GitLab CI: `.gitlab-ci.yml`, the `script`, `before_script` and
// `after_script` of every job (and of `default:`), with GOFLAGS from
// `variables:`.
import { child, entries, envHasRace, scalarScript, scriptScalars, yamlRoots } from './yamlNodes';
import type { ScriptSource } from './scriptSource';

const scriptKeys = ['before_script', 'script', 'after_script'];

export function gitlabCiScripts(file: string, text: string): ScriptSource[] {
  const out: ScriptSource[] = [];
  for (const root of yamlRoots(text)) {
    const globalRace = envHasRace(child(root, 'variables'));
    for (const key of scriptKeys) for (const s of scriptScalars(child(root, key))) out.push(scalarScript(file, text, s, globalRace));
    for (const [, job] of entries(root)) {
      const race = globalRace || envHasRace(child(job, 'variables'));
      for (const key of scriptKeys) for (const s of scriptScalars(child(job, key))) out.push(scalarScript(file, text, s, race));
    }
  }
  return out;
}
