// CircleCI: `.circleci/config.yml`, `run:` steps of jobs and reusable
// commands (`run: cmd` or `run: {command: cmd, environment: …}`).
import { child, entries, envHasRace, items, scalarScript, stringScalar, yamlRoots } from './yamlNodes';
import type { ScriptSource } from './scriptSource';

export function circleCiScripts(file: string, text: string): ScriptSource[] {
  const out: ScriptSource[] = [];
  for (const root of yamlRoots(text)) {
    for (const section of ['jobs', 'commands']) {
      for (const [, job] of entries(child(root, section))) {
        const jobRace = envHasRace(child(job, 'environment'));
        for (const step of items(child(job, 'steps'))) {
          const run = child(step, 'run');
          const command = stringScalar(run) ?? stringScalar(child(run, 'command'));
          if (command) out.push(scalarScript(file, text, command, jobRace || envHasRace(child(run, 'environment'))));
        }
      }
    }
  }
  return out;
}
