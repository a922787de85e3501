// Finds the CI definitions of a repository and reads each with its parser.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { azurePipelinesScripts } from './azurePipelines';
import { circleCiScripts } from './circleCi';
import { githubActionsScripts } from './githubActions';
import { gitlabCiScripts } from './gitlabCi';
import type { ScriptSource } from './scriptSource';
import { textScript } from './textScripts';

export type CiKind = 'github-actions' | 'gitlab-ci' | 'circleci' | 'azure-pipelines' | 'jenkins' | 'ci-script';

export interface CiDefinition {
  kind: CiKind;
  file: string;
  scripts: ScriptSource[];
}

export function readText(path: string): string | undefined {
  try {
    if (statSync(path).size > 1_000_000) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function filesIn(dir: string, match: (name: string) => boolean): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && match(e.name))
      .map((e) => join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

const parsers: { kind: CiKind; files: (root: string) => string[]; read: (file: string, text: string) => ScriptSource[] }[] = [
  { kind: 'github-actions', files: (r) => filesIn(join(r, '.github', 'workflows'), (n) => /\.ya?ml$/.test(n)), read: githubActionsScripts },
  { kind: 'gitlab-ci', files: (r) => filesIn(r, (n) => n === '.gitlab-ci.yml' || n === '.gitlab-ci.yaml'), read: gitlabCiScripts },
  { kind: 'circleci', files: (r) => filesIn(join(r, '.circleci'), (n) => n === 'config.yml' || n === 'config.yaml'), read: circleCiScripts },
  { kind: 'azure-pipelines', files: (r) => filesIn(r, (n) => /^azure-pipelines.*\.ya?ml$/.test(n)), read: azurePipelinesScripts },
  { kind: 'jenkins', files: (r) => filesIn(r, (n) => n === 'Jenkinsfile'), read: (f, t) => [textScript(f, t)] },
  { kind: 'ci-script', files: (r) => filesIn(join(r, '.ci'), () => true), read: (f, t) => [textScript(f, t)] },
];

export function findCiDefinitions(root: string): CiDefinition[] {
  const out: CiDefinition[] = [];
  for (const p of parsers) {
    for (const file of p.files(root)) {
      const text = readText(file);
      if (text !== undefined) out.push({ kind: p.kind, file, scripts: p.read(file, text) });
    }
  }
  return out;
}
