// A shell snippet found in a CI file, Makefile recipe or Taskfile command,
// tied back to where it sits in its file, and what it runs.
import type { InsertEdit } from '../types';
import { goTestEnds, goTestLengthAt, hasRaceFlag, isPrintCommand, setsRaceGoflags, splitCommands, targetCallOf, type TargetCall } from './shellCommands';

export interface ScriptSource {
  file: string;
  fileText: string;
  /** The script as the shell receives it. */
  script: string;
  /** File offset of a script offset just after a literal `go test`. */
  locateGoTest(scriptOffset: number): number | undefined;
  /** Where the step starts in the file (evidence for what cannot be located exactly). */
  startOffset: number;
  /** GOFLAGS in scope already has -race (workflow/job env, Makefile export). */
  raceEnv: boolean;
  /** Expands make/task variables before flags are read. */
  expand?: (command: string) => string;
}

/** A `go test` reachable from CI. Lines and columns are 0-based. */
export interface GoTestSite {
  file: string;
  line: number;
  column: number;
  command: string;
  race: boolean;
  /** Inserts ` -race` after `go test`, when the invocation is written literally. */
  fix?: InsertEdit;
  /** How CI reaches it, e.g. [".github/workflows/ci.yml", "make test"]. */
  via: string[];
}

export interface ScriptScan {
  tests: GoTestSite[];
  calls: TargetCall[];
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

/** For text files (Makefile, shell scripts): the script is the file slice starting at `start`, same length. */
export function sliceLocator(start: number): (scriptOffset: number) => number | undefined {
  return (o) => start + o;
}

/**
 * For YAML scalars, whose text differs from the source (indentation, quotes):
 * the n-th `go test` of the value is the n-th one in the node's source range.
 */
export function occurrenceLocator(script: string, fileText: string, start: number, end: number): (scriptOffset: number) => number | undefined {
  const inValue = goTestEnds(script);
  const inSource = goTestEnds(fileText.slice(start, end));
  if (inValue.length !== inSource.length) return () => undefined;
  return (o) => {
    const n = inValue.indexOf(o);
    return n < 0 ? undefined : start + inSource[n]!;
  };
}

export function scanScript(src: ScriptSource, via: string[]): ScriptScan {
  const tests: GoTestSite[] = [];
  const calls: TargetCall[] = [];
  let raceEnv = src.raceEnv;
  for (const cmd of splitCommands(src.script)) {
    const text = src.expand ? src.expand(cmd.text) : cmd.text;
    const literalEnds = goTestEnds(cmd.text);
    const ends = isPrintCommand(text) ? [] : goTestEnds(text);
    if (ends.length === 0) {
      if (setsRaceGoflags(text)) raceEnv = true;
      const call = targetCallOf(text);
      if (call) calls.push(call);
      continue;
    }
    ends.forEach((end, i) => {
      const race = raceEnv || hasRaceFlag(text.slice(end)) || setsRaceGoflags(text.slice(0, end));
      const exact = literalEnds.length === ends.length ? src.locateGoTest(cmd.start + literalEnds[i]!) : undefined;
      const at = lineColumn(src.fileText, exact ?? src.startOffset);
      tests.push({
        file: src.file,
        line: at.line,
        column: exact === undefined ? at.column : Math.max(0, at.column - goTestLengthAt(cmd.text, literalEnds[i]!)),
        command: text.trim().replace(/\s+/g, ' '),
        race,
        fix: race || exact === undefined ? undefined : { file: src.file, ...at, text: ' -race' },
        via,
      });
    });
  }
  return { tests, calls };
}
