// The `goconc` executable.
import { runCli } from './cli/runCli';

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`goconc: internal error: ${err.message}\n`);
    process.exitCode = 2;
  },
);
