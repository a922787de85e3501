// Reads CI shell snippets well enough to find `go test` invocations and the
// make/task/mage/script targets they call. Hand-written on purpose: the npm
// shell parsers (shell-quote, bash-parser) drop source offsets, and we need
// the exact place of `go test` to offer "Add -race to this step".

/** One command of a script, with its offsets in the script text. */
export interface ShellCommand {
  text: string;
  start: number;
}

/** Splits a script into commands at newlines (outside continuations), `;`, `&&`, `||` and `|`. */
export function splitCommands(script: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  let start = 0;
  let quote: string | undefined;
  const push = (end: number) => {
    const text = script.slice(start, end);
    if (text.trim()) out.push({ text, start });
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && script[i + 1] === '\n') i++;
    else if (c === '#' && (i === 0 || /\s/.test(script[i - 1]!))) {
      // A comment runs to the end of the line.
      push(i);
      while (i < script.length && script[i] !== '\n') i++;
      start = i + 1;
    } else if (c === '\n' || c === ';') {
      push(i);
      start = i + 1;
    } else if ((c === '&' || c === '|') && script[i + 1] === c) {
      push(i);
      start = i + 2;
      i++;
    } else if (c === '|') {
      push(i);
      start = i + 1;
    }
  }
  push(script.length);
  return out;
}

/** Whitespace-separated words with quotes removed (enough for flags and target names). */
export function words(command: string): string[] {
  return command
    .replace(/\\\n/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^["']+|["']+$/g, ''))
    .filter((w) => w.length > 0);
}

// `go test`, also through a variable naming the go binary (`"$GO" test`, `$(GO) test`).
const goTestRe = /(?:\bgo|"?\$\{?GO(?:BIN|CMD)?\}?"?|\$\(GO(?:BIN|CMD)?\))\s+test\b/g;

/** Commands that only print text (`echo "… go test -race …"`). */
export function isPrintCommand(command: string): boolean {
  return /^\s*(?:echo|printf|print|log|info)\b/.test(command);
}

/** Offsets just after each `go test` in `text`. */
export function goTestEnds(text: string): number[] {
  return [...text.matchAll(goTestRe)].map((m) => m.index + m[0].length);
}

/** Length of the `go test` match ending at `end` (`"$GO" test` is longer than `go test`). */
export function goTestLengthAt(text: string, end: number): number {
  return [...text.matchAll(goTestRe)].find((m) => m.index + m[0].length === end)?.[0].length ?? 'go test'.length;
}

export function hasRaceFlag(args: string): boolean {
  return /(^|[\s'"=])--?race(=true)?(?=$|[\s'"])/.test(args);
}

/** GOFLAGS set to include -race, as `GOFLAGS=-race` or `export GOFLAGS="-race -v"`. */
export function setsRaceGoflags(command: string): boolean {
  const m = /\bGOFLAGS\s*[:+]?=\s*(["']?)([^"'\n]*)\1/.exec(command);
  return !!m && hasRaceFlag(m[2]!);
}

/** A target another tool runs: `make test`, `task ci`, `mage test`, `bash scripts/test.sh`. */
export interface TargetCall {
  tool: 'make' | 'task' | 'mage' | 'script';
  /** Targets or, for scripts, the script path as written. Empty: the tool's default target. */
  targets: string[];
  /** `make -C dir` / `task -d dir` / `make -f file`. */
  dir?: string;
  file?: string;
}

const makeOptsWithValue = new Set(['-C', '-f', '--file', '--directory', '-j', '-l', '-o', '-W', '-I']);
const taskOptsWithValue = new Set(['-d', '--dir', '-t', '--taskfile', '-o', '--output']);

function afterEnvAssignments(ws: string[]): string[] {
  let i = 0;
  while (i < ws.length && /^(sudo|exec|time|then|do|else|\{|\(|!)$/.test(ws[i]!)) i++;
  while (i < ws.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ws[i]!)) i++;
  while (i < ws.length && /^(sudo|exec|time|then|do|else|\{|\(|!)$/.test(ws[i]!)) i++;
  return ws.slice(i);
}

/** The targets a command calls, if it runs make, task, mage or a script file. */
export function targetCallOf(command: string): TargetCall | undefined {
  const ws = afterEnvAssignments(words(command.replace(/^[\t @+-]+/, '')));
  const tool = ws[0];
  if (!tool) return undefined;
  if (tool === 'make' || tool === 'gmake' || tool === '$(MAKE)' || tool === '${MAKE}' || tool === '$MAKE') {
    const call: TargetCall = { tool: 'make', targets: [] };
    for (let i = 1; i < ws.length; i++) {
      const w = ws[i]!;
      if (w === '-C' || w === '--directory') call.dir = ws[++i];
      else if (w === '-f' || w === '--file') call.file = ws[++i];
      else if (w.startsWith('--directory=')) call.dir = w.slice(12);
      else if (w.startsWith('--file=')) call.file = w.slice(7);
      else if (makeOptsWithValue.has(w)) i++;
      else if (w.startsWith('-') || w.includes('=')) continue;
      else call.targets.push(w);
    }
    return call;
  }
  if (tool === 'task' || tool === 'go-task') {
    const call: TargetCall = { tool: 'task', targets: [] };
    for (let i = 1; i < ws.length; i++) {
      const w = ws[i]!;
      if (w === '--') break;
      if (w === '-d' || w === '--dir') call.dir = ws[++i];
      else if (w === '-t' || w === '--taskfile') call.file = ws[++i];
      else if (taskOptsWithValue.has(w)) i++;
      else if (w.startsWith('-') || w.includes('=')) continue;
      else call.targets.push(w);
    }
    return call;
  }
  if (tool === 'mage' || (tool === 'go' && ws[1] === 'run' && ws.includes('mage.go'))) {
    const rest = tool === 'mage' ? ws.slice(1) : ws.slice(ws.indexOf('mage.go') + 1);
    return { tool: 'mage', targets: rest.filter((w) => !w.startsWith('-')) };
  }
  if ((tool === 'bash' || tool === 'sh') && ws[1] && /^[\w.][\w./-]*\/[\w.-]+$|\.sh$/.test(ws[1])) return { tool: 'script', targets: [ws[1]] };
  if (/^\.{0,2}\/?[\w./-]+\.sh$/.test(tool) || tool.startsWith('./')) return { tool: 'script', targets: [tool] };
  return undefined;
}
