// CI definitions read as text: `Jenkinsfile` (Groovy: `sh '…'` steps) and
// the shell scripts under `.ci/` or called from CI. No maintained Groovy
// parser exists on npm; the whole file is scanned as commands, which finds
// `go test` in `sh` steps and `environment { GOFLAGS = '-race' }`.
import { setsRaceGoflags } from './shellCommands';
import { sliceLocator, type ScriptSource } from './scriptSource';

/**
 * Jenkinsfile text as shell commands, same length so offsets stay true: the
 * `sh '…'` wrappers and quotes become spaces, braces become separators.
 */
function groovySteps(text: string): string {
  return text
    .replace(/\b(?:sh|bat)\s*\(?\s*(?:script\s*:\s*)?/g, (m) => ' '.repeat(m.length))
    .replace(/['"]/g, ' ')
    .replace(/[{}()]/g, ';');
}

export function textScript(file: string, text: string): ScriptSource {
  const groovy = /Jenkinsfile$/.test(file);
  return {
    file,
    fileText: text,
    script: groovy ? groovySteps(text) : text,
    locateGoTest: sliceLocator(0),
    startOffset: 0,
    raceEnv: groovy && /\benvironment\s*\{[^}]*GOFLAGS/.test(text) && setsRaceGoflags(/GOFLAGS[^\n]*/.exec(text)?.[0] ?? ''),
  };
}
