// GitHub Actions: `.github/workflows/*.yml`, every job's `run:` steps, with
// GOFLAGS from the workflow, job and step `env:`.
import { child, entries, envHasRace, items, scalarScript, stringScalar, yamlRoots } from './yamlNodes';
import type { ScriptSource } from './scriptSource';

export function githubActionsScripts(file: string, text: string): ScriptSource[] {
  const out: ScriptSource[] = [];
  for (const root of yamlRoots(text)) {
    const workflowRace = envHasRace(child(root, 'env'));
    for (const [, job] of entries(child(root, 'jobs'))) {
      const jobRace = workflowRace || envHasRace(child(job, 'env'));
      for (const step of items(child(job, 'steps'))) {
        const run = stringScalar(child(step, 'run'));
        if (run) out.push(scalarScript(file, text, run, jobRace || envHasRace(child(step, 'env'))));
      }
    }
  }
  return out;
}
